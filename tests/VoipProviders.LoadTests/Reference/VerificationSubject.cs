namespace VoipProviders.LoadTests.Reference;

/// <summary>What a verification needs of a provider: its Twilio resources, protected token, version and imported numbers.</summary>
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
    IReadOnlyList<string> ImportedPhoneNumberSids);
