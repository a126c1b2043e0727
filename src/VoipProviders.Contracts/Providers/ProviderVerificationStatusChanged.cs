namespace VoipProviders.Contracts.Providers;

/// <summary>
/// A verification changed a provider's status (say, <c>verified</c> → <c>failed</c>): warn the tenant, or stop routing
/// calls over it. A run that confirms the status publishes nothing.
/// </summary>
public sealed record ProviderVerificationStatusChanged(
    ProviderVerificationStatus PreviousStatus,
    ProviderVerificationStatus Status,
    DateTimeOffset VerifiedAt) : IntegrationEvent;
