namespace VoipProviders.Contracts.Providers;

/// <summary>A tenant connected a Twilio account: the trunk exists and carries calls once numbers are imported.</summary>
public sealed record ProviderConnected(
    string Name,
    string AccountSid,
    string Region,
    string TerminationUri,
    bool SecureTrunking,
    bool SupportsCallTransfer) : IntegrationEvent;
