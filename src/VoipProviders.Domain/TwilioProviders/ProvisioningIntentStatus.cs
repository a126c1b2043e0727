namespace VoipProviders.Domain.TwilioProviders;

public enum ProvisioningIntentStatus
{
    /// <summary>Recorded before the first Twilio create: the connect is (or was) under way.</summary>
    Pending,

    /// <summary>
    /// Taken by reconciliation: the connect did not commit within its grace period, and whatever it built is being
    /// deleted. A connect that commits only now fails instead (its commit removes a pending intent or nothing).
    /// </summary>
    Reconciling,

    /// <summary>Given up: what the connect built (if anything) needs removing by hand; the credentials are dropped.</summary>
    Abandoned,
}
