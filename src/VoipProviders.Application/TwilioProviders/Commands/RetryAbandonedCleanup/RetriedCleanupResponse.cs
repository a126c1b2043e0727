namespace VoipProviders.Application.TwilioProviders.Commands.RetryAbandonedCleanup;

/// <summary>A clean-up queued again: pending, with the resources its job will delete.</summary>
public sealed record RetriedCleanupResponse(
    Guid Id,
    string Status,
    string OrganizationId,
    Guid ProviderId,
    string AccountSid,
    string TrunkSid,
    string CredentialListSid,
    IReadOnlyList<string> PhoneNumberSids,
    Guid CredentialsFromProviderId);
