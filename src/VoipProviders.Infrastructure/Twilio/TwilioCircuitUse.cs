namespace VoipProviders.Infrastructure.Twilio;

/// <summary>Whether a Twilio call goes through its account's circuit breaker.</summary>
internal enum TwilioCircuitUse
{
    /// <summary>Stopped while the circuit is open, and counted by it: every call that serves a request or a check.</summary>
    Breaker,

    /// <summary>
    /// Neither stopped nor counted: deleting what the module created (compensation, clean-up, reconciliation) must be
    /// tried even while the account's other calls are paused — it is what keeps the tenant's account free of orphans.
    /// </summary>
    Bypass,
}
