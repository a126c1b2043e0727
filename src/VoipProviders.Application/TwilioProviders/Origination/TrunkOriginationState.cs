using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Origination;

/// <summary>
/// A provider's trunk's origination URLs as Twilio has them now, against the ones the settings want: the module's own
/// (by SID or name prefix) apart from the tenant's. What verification judges and repair fixes.
/// </summary>
public sealed record TrunkOriginationState(
    IReadOnlyList<TwilioOriginationUrlSpec> Desired,
    IReadOnlyList<TwilioOriginationUrl> Ours,
    IReadOnlyList<TwilioOriginationUrl> Tenants,
    IReadOnlySet<string> StoredSids)
{
    /// <summary>Reads the trunk's URLs (none when the trunk is gone) and sorts them.</summary>
    public static async Task<TrunkOriginationState> ReadAsync(
        ITwilioGateway twilio,
        OriginationPlan plan,
        TwilioCredentials credentials,
        TwilioProvider provider,
        bool trunkExists,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(twilio);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(provider);
        var desired = plan.DesiredFor(provider.InboundRoutingKey, provider.SecureTrunking);
        var actual = trunkExists ? await twilio.ListOriginationUrlsAsync(credentials, provider.TrunkSid, cancellationToken) ?? [] : [];
        var storedSids = provider.OriginationUrls.Select(u => u.Sid).ToHashSet(StringComparer.Ordinal);
        return new TrunkOriginationState(
            desired,
            [.. actual.Where(url => OriginationPlan.IsOurs(url, storedSids))],
            [.. actual.Where(url => !OriginationPlan.IsOurs(url, storedSids))],
            storedSids);
    }
}
