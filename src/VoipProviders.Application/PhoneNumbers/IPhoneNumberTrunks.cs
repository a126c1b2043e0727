using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// The trunks numbers are imported onto, as the phone-number feature needs them: the provider that owns one, and the
/// credentials to attach and detach numbers with. The provider type that builds trunks implements it, so this feature
/// depends on no provider type.
/// </summary>
public interface IPhoneNumberTrunks
{
    /// <summary>The organization's provider's trunk, or null when the organization has no such provider.</summary>
    Task<PhoneNumberTrunk?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>Whether the organization has the provider.</summary>
    Task<bool> ExistsAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);
}
