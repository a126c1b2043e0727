namespace VoipProviders.TwilioEmulator;

/// <summary>
/// Holds the next request of one operation (after its latency, before barriers, faults and handling) until
/// <see cref="Release"/>: a test sees it arrive, does what it must while the request is in flight, then lets it go.
/// <see cref="TwilioEmulatorState.Reset"/> releases every hold.
/// </summary>
public sealed class EmulatedHold
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal EmulatedHold(TwilioOperation operation) => Operation = operation;

    public TwilioOperation Operation { get; }

    /// <summary>Completes when the held request has arrived (it is then recorded in the request log).</summary>
    public Task Arrived => _arrived.Task;

    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Lets the held request (and any later one) proceed.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task HoldAsync(CancellationToken cancellationToken)
    {
        _arrived.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
