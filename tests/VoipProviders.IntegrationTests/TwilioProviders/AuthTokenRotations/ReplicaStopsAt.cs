using Quartz;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>
/// A replica that stops when a rotation passes <see cref="Point"/>: its scheduler starts nothing more (standby), and the
/// run ends there with nothing more done — no further Twilio call, no further commit — as a crash would end it.
/// </summary>
internal sealed class ReplicaStopsAt(AuthTokenRotationPoint point) : IAuthTokenRotationCheckpoints
{
    private ISchedulerFactory? _schedulers;

    public AuthTokenRotationPoint Point => point;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReplicaStopsAt On(IServiceProvider services)
    {
        _schedulers = (ISchedulerFactory)services.GetService(typeof(ISchedulerFactory))!;
        return this;
    }

    public async ValueTask PassedAsync(AuthTokenRotationPoint passed, Guid rotationId, CancellationToken cancellationToken)
    {
        if (passed != point)
        {
            return;
        }

        var scheduler = await _schedulers!.GetScheduler(CancellationToken.None);
        await scheduler.Standby(CancellationToken.None);
        Reached.TrySetResult();
        throw new ReplicaStoppedException(point);
    }
}
