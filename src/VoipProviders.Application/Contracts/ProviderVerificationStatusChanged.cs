using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Contracts;

/// <summary>
/// Published in-process after a verification changed a provider's status (say, <c>verified</c> → <c>failed</c>), so
/// that other modules can warn the tenant or stop routing calls over it. A run that confirms the status publishes nothing.
/// </summary>
public sealed record ProviderVerificationStatusChanged(
    string OrganizationId,
    Guid ProviderId,
    VerificationStatus PreviousStatus,
    VerificationStatus Status,
    DateTimeOffset VerifiedAt) : IIntegrationEvent;
