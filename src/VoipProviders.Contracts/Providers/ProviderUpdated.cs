namespace VoipProviders.Contracts.Providers;

/// <summary>
/// The tenant changed the provider's settings. <see cref="ChangedFields"/> names them as the API does (<c>name</c>,
/// <c>region</c>, <c>supportsCallTransfer</c>, <c>secureTrunking</c>); the values are the ones now in force. A
/// change of <c>region</c> or <c>secureTrunking</c> changes the dial-out route.
/// </summary>
public sealed record ProviderUpdated(
    IReadOnlyList<string> ChangedFields,
    string Name,
    string Region,
    string TerminationUri,
    bool SecureTrunking,
    bool SupportsCallTransfer) : IntegrationEvent;
