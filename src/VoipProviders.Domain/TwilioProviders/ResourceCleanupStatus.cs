namespace VoipProviders.Domain.TwilioProviders;

public enum ResourceCleanupStatus
{
    /// <summary>Waiting for (another) attempt.</summary>
    Pending,

    /// <summary>Given up: the resources need removing by hand.</summary>
    Abandoned,
}
