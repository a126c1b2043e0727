namespace VoipProviders.Application.Common.Auditing;

/// <summary>The audit trail's action names (dotted, lower snake case), one per kind of change.</summary>
public static class AuditActions
{
    public const string ProviderConnected = "provider.connected";
    public const string ProviderUpdated = "provider.updated";
    public const string AuthTokenRotated = "provider.auth_token.rotated";
    public const string SipCredentialRotated = "provider.sip_credential.rotated";
    public const string ProviderDeleted = "provider.deleted";
    public const string PhoneNumbersImported = "provider.phone_numbers.imported";
    public const string PhoneNumberRemoved = "provider.phone_number.removed";
    public const string VerificationStatusChanged = "provider.verification.status_changed";
    public const string OriginationChanged = "provider.origination.changed";
    public const string AuthTokenRotationStarted = "provider.auth_token.rotation.started";
    public const string AuthTokenRotationCancelled = "provider.auth_token.rotation.cancelled";
    public const string AuthTokenRotationFailed = "provider.auth_token.rotation.failed";
    public const string AuthTokenRotationPolicyUpdated = "provider.auth_token.rotation_policy.updated";
    public const string ProviderRepaired = "provider.repaired";
    public const string AutoRepairPaused = "provider.auto_repair.paused";
    public const string ProviderSettingsUpdated = "organization.provider_settings.updated";
    public const string CleanupRetried = "provider.cleanup.retried";

    public static readonly IReadOnlyList<string> All =
    [
        ProviderConnected, ProviderUpdated, AuthTokenRotated, SipCredentialRotated, ProviderDeleted,
        PhoneNumbersImported, PhoneNumberRemoved, VerificationStatusChanged, OriginationChanged,
        AuthTokenRotationStarted, AuthTokenRotationCancelled, AuthTokenRotationFailed, AuthTokenRotationPolicyUpdated,
        ProviderRepaired, AutoRepairPaused, ProviderSettingsUpdated, CleanupRetried,
    ];
}
