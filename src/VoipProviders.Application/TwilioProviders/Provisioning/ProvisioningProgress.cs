namespace VoipProviders.Application.TwilioProviders.Provisioning;

/// <summary>What provisioning has created so far, including creates whose outcome is unknown (to look up and undo).</summary>
internal sealed class ProvisioningProgress
{
    public string? TrunkSid { get; set; }

    public string? TrunkDomainNameInDoubt { get; set; }

    public string? CredentialListSid { get; set; }

    public string? CredentialListNameInDoubt { get; set; }
}
