namespace VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

public enum AuthTokenRotationStatus
{
    /// <summary>Under way: one step after the other, each on the durable job engine.</summary>
    Running,

    /// <summary>The secondary token is the provider's token now and the old one no longer works.</summary>
    Completed,

    /// <summary>Stopped before the promotion; the provider keeps the token it had, which still works.</summary>
    Failed,

    /// <summary>Cancelled by the tenant before the promotion; the provider keeps the token it had.</summary>
    Cancelled,
}
