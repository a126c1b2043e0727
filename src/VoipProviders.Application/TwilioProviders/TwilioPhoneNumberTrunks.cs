using VoipProviders.Application.Common.Security;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>The Twilio providers' trunks, as the phone-number feature imports numbers onto them.</summary>
internal sealed class TwilioPhoneNumberTrunks(ITwilioProviderRepository providers, ISecretProtector secretProtector) : IPhoneNumberTrunks
{
    public async Task<PhoneNumberTrunk?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        await providers.FindAsync(organizationId, providerId, cancellationToken) is { } provider
            ? new PhoneNumberTrunk(provider.Id, provider.OrganizationId, provider.TrunkSid, provider.Version, () => secretProtector.CredentialsOf(provider))
            : null;

    public Task<bool> ExistsAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        providers.ExistsAsync(organizationId, providerId, cancellationToken);
}
