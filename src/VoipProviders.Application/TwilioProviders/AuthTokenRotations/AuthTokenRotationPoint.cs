namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>The moments between a rotation's commits and Twilio calls, where a replica may stop.</summary>
public enum AuthTokenRotationPoint
{
    /// <summary>The create was announced (committed); the call has not been made.</summary>
    SecondaryRequested,

    /// <summary>Twilio created the secondary; it is not stored yet.</summary>
    SecondaryCreated,

    /// <summary>The secondary is stored (committed).</summary>
    SecondaryStored,

    /// <summary>Twilio accepted the secondary; that is not committed yet.</summary>
    SecondaryValidated,

    /// <summary>The wait is committed.</summary>
    WaitStarted,

    /// <summary>The promotion was announced (committed); the call has not been made.</summary>
    PromotionRequested,

    /// <summary>Twilio promoted the secondary; the provider does not hold it yet.</summary>
    Promoted,

    /// <summary>The provider holds the new token (committed).</summary>
    PromotionStored,

    /// <summary>Twilio accepted the new primary; the rotation is not marked done yet.</summary>
    NewTokenVerified,
}
