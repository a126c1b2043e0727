namespace VoipProviders.Contracts.Providers;

/// <summary>A provider's health as its last verification found it.</summary>
public enum ProviderVerificationStatus
{
    Pending,
    Verified,
    Warning,
    Failed,
}
