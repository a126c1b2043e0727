using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>The rotation's states as the API (and the database) spell them.</summary>
public static class AuthTokenRotationWords
{
    public static string Of(AuthTokenRotationStatus status) => status switch
    {
        AuthTokenRotationStatus.Running => "running",
        AuthTokenRotationStatus.Completed => "completed",
        AuthTokenRotationStatus.Failed => "failed",
        AuthTokenRotationStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(AuthTokenRotationStep step) => step switch
    {
        AuthTokenRotationStep.CreatingSecondary => "creating_secondary",
        AuthTokenRotationStep.Validating => "validating",
        AuthTokenRotationStep.Waiting => "waiting",
        AuthTokenRotationStep.Promoting => "promoting",
        AuthTokenRotationStep.Verifying => "verifying",
        AuthTokenRotationStep.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    public static string Of(AuthTokenRotationTrigger trigger) => trigger switch
    {
        AuthTokenRotationTrigger.OnDemand => "on_demand",
        AuthTokenRotationTrigger.Scheduled => "scheduled",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
    };
}
