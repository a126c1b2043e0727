namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// What a verification needs of a provider: its Twilio resources, protected token, version, imported numbers, secure flag,
/// routing key and the origination URLs the project created (SID, friendly name; from <c>origination_urls</c>).
/// </summary>
internal sealed record VerificationSubject(
    Guid Id,
    string AccountSid,
    string ProtectedAuthToken,
    string TrunkSid,
    string TrunkDomainName,
    string CredentialListSid,
    string SipUsername,
    bool SupportsCallTransfer,
    long Version,
    IReadOnlyList<string> ImportedPhoneNumberSids,
    bool SecureTrunking,
    string InboundRoutingKey,
    IReadOnlyList<(string Sid, string FriendlyName)> OriginationUrls);
