namespace VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

/// <summary>Where a rotation is (or stopped): the steps run in this order.</summary>
public enum AuthTokenRotationStep
{
    /// <summary>Creating the account's secondary Auth Token in Twilio and storing it encrypted.</summary>
    CreatingSecondary,

    /// <summary>Checking that Twilio accepts the secondary token for the account.</summary>
    Validating,

    /// <summary>Waiting the propagation delay before the promotion (a scheduled job, not a sleeping thread).</summary>
    Waiting,

    /// <summary>Promoting the secondary to primary in Twilio; from here on the rotation can no longer be cancelled.</summary>
    Promoting,

    /// <summary>The new token is stored; the provider is being verified with it.</summary>
    Verifying,

    /// <summary>Nothing left to do.</summary>
    Done,
}
