using VoipProviders.Application.TwilioProviders.Repairs;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs.Faults;

/// <summary>
/// A replica's repairs as a crash would end them: armed with <see cref="At"/>, the first repair that passes the point
/// (for the action, when one is named) goes no further — no Twilio call, no commit, no compensation, its hold on the
/// provider left to expire — until the test, done looking, lets the run end with <see cref="Release"/>.
/// </summary>
public sealed class RepairStop : IRepairCheckpoints
{
    private Armed? _armed;

    /// <summary>Completes when an armed repair reached its point and stopped there.</summary>
    public Task Reached => _armed?.Reached.Task ?? throw new InvalidOperationException("Not armed.");

    /// <summary>Stops the next repair that passes <paramref name="point"/> (for <paramref name="action"/>; any action when empty).</summary>
    public void At(RepairPoint point, string action)
    {
        Release();
        _armed = new Armed(point, action);
    }

    /// <summary>Ends the stopped run with a <see cref="RepairReplicaStoppedException"/> and disarms.</summary>
    public void Release()
    {
        var armed = Interlocked.Exchange(ref _armed, null);
        armed?.Released.TrySetResult();
    }

    public async ValueTask PassedAsync(RepairPoint point, string action, Guid providerId, CancellationToken cancellationToken)
    {
        var armed = _armed;
        if (armed is null || armed.Point != point || (armed.Action.Length > 0 && armed.Action != action) || !armed.Take())
        {
            return;
        }

        armed.Reached.TrySetResult();
        await armed.Released.Task.ConfigureAwait(false);
        throw new RepairReplicaStoppedException(point, action);
    }

    private sealed class Armed(RepairPoint point, string action)
    {
        private int _taken;

        public RepairPoint Point => point;

        public string Action => action;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Take() => Interlocked.Exchange(ref _taken, 1) == 0;
    }
}
