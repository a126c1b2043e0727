namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// The columns of <c>voip_providers.twilio_providers</c> a provider response shows (<see cref="OriginationUrlsJson"/> is
/// the stored jsonb array; the rotation policy's columns since issue 20), plus its imported-number count.
/// </summary>
internal sealed record ProviderRow(
    Guid Id,
    string Name,
    string AccountSid,
    string TrunkSid,
    string TerminationUri,
    string Region,
    bool SupportsCallTransfer,
    string VerificationStatus,
    DateTimeOffset? LastVerifiedAt,
    string? VerificationDetailsJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    bool SecureTrunking,
    string InboundRoutingKey,
    string OriginationUrlsJson,
    int SipCredentialVersion,
    DateTimeOffset SipCredentialUpdatedAt,
    bool AuthTokenRotationEnabled,
    int AuthTokenRotationIntervalDays,
    int AuthTokenRotationPropagationDelaySeconds,
    DateTimeOffset? NextAuthTokenRotationAt,
    Guid? ActiveAuthTokenRotationId,
    int PhoneNumberCount);
