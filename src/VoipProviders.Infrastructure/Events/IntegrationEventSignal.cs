namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// Wakes this replica's dispatcher run (if it holds one) right after a local commit stored events, instead of at its
/// next look. Only a hint: durability comes from the outbox rows and the dispatcher's own polling.
/// </summary>
internal sealed class IntegrationEventSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next <see cref="Notify"/>, after <paramref name="timeout"/>, or when cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _next).Task;
        try
        {
            await next.WaitAsync(timeout, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Time to look anyway: another replica's commits send no signal here.
        }
    }
}
