using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// A provider's trunk in the tenant's Twilio account. The credentials are decrypted only when asked for, at the moment
/// of the first Twilio call.
/// </summary>
public sealed class PhoneNumberTrunk(ProviderId providerId, OrganizationId organizationId, string trunkSid, long providerVersion, Func<TwilioCredentials> credentials)
{
    public ProviderId ProviderId { get; } = providerId;

    public OrganizationId OrganizationId { get; } = organizationId;

    public string TrunkSid { get; } = trunkSid;

    /// <summary>The provider's version as read (the events of a change to its numbers carry it).</summary>
    public long ProviderVersion { get; } = providerVersion;

    /// <exception cref="System.Security.Cryptography.CryptographicException">The stored token can no longer be decrypted.</exception>
    public TwilioCredentials Credentials() => credentials();
}
