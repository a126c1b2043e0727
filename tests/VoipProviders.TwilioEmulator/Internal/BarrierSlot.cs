namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>A one-shot rendezvous for the next <c>parties</c> requests of an operation. Arrive is called under the state lock.</summary>
internal sealed class BarrierSlot(int parties, TimeSpan timeout)
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public TimeSpan Timeout => timeout;

    /// <summary>Registers one party; returns true when it was the last one (and releases everybody).</summary>
    public bool Arrive()
    {
        _arrived++;
        if (_arrived < parties)
        {
            return false;
        }

        _released.TrySetResult();
        return true;
    }

    public void Release() => _released.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _released.Task.WaitAsync(timeout, cancellationToken);
}
