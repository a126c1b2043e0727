namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>Origination settings some replica started with, and when one last did: the newest ones run the rollout.</summary>
internal sealed class OriginationSettingsRevision
{
    public required string Revision { get; init; }

    public DateTimeOffset LastStartedAt { get; set; }
}
