using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Provisioning;

/// <summary>What provisioning has created so far, including creates whose outcome is unknown (to look up and undo).</summary>
internal sealed class ProvisioningProgress
{
    /// <summary>Who the resources are for: what a clean-up of leftovers is recorded under.</summary>
    public OrganizationId? OrganizationId { get; init; }

    public ProviderId ProviderId { get; init; }

    public string? TrunkSid { get; set; }

    public string? TrunkDomainNameInDoubt { get; set; }

    public string? CredentialListSid { get; set; }

    public string? CredentialListNameInDoubt { get; set; }

    /// <summary>A create whose outcome was unknown could not be looked up: something may exist that nobody knows the SID of.</summary>
    public bool LookupFailed { get; set; }
}
