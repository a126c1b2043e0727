namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>The provider's rotation policy and when its next rotation is due (null while off).</summary>
public sealed record AuthTokenRotationPolicyResponse
{
    public required bool Enabled { get; init; }

    public required int IntervalDays { get; init; }

    public required int PropagationDelaySeconds { get; init; }

    public DateTimeOffset? NextRotationAt { get; init; }
}
