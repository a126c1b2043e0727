namespace VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

/// <summary>What started a rotation.</summary>
public enum AuthTokenRotationTrigger
{
    /// <summary>A caller asked for it (POST …/auth-token/rotations).</summary>
    OnDemand,

    /// <summary>The provider's rotation policy made it due.</summary>
    Scheduled,
}
