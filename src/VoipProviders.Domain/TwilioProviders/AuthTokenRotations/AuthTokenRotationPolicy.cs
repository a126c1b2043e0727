namespace VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

/// <summary>
/// How often the module rotates a provider's Auth Token by itself, and the propagation delay of those rotations.
/// </summary>
public sealed record AuthTokenRotationPolicy
{
    public const int MinIntervalDays = 1;
    public const int MaxIntervalDays = 365;
    public const int DefaultIntervalDays = 90;

    public AuthTokenRotationPolicy(bool enabled, int intervalDays, int propagationDelaySeconds)
    {
        if (intervalDays is < MinIntervalDays or > MaxIntervalDays)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalDays), intervalDays, $"The interval is {MinIntervalDays} to {MaxIntervalDays} days.");
        }

        AuthTokenRotation.RequirePropagationDelay(propagationDelaySeconds);
        Enabled = enabled;
        IntervalDays = intervalDays;
        PropagationDelaySeconds = propagationDelaySeconds;
    }

    /// <summary>The policy of a provider nobody has set one for: off.</summary>
    public static AuthTokenRotationPolicy Off { get; } = new(false, DefaultIntervalDays, AuthTokenRotation.DefaultPropagationDelaySeconds);

    public bool Enabled { get; }

    public int IntervalDays { get; }

    public int PropagationDelaySeconds { get; }
}
