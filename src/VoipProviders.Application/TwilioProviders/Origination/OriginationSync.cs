using Microsoft.Extensions.Logging;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Origination;

/// <summary>
/// Brings a trunk's origination URLs in line with the desired set: creates what is missing, updates what differs,
/// deletes what this module created and no longer wants. URLs the tenant added (neither a SID we stored nor our name
/// prefix) are never touched. Safe to repeat: a URL created by an attempt whose answer was lost is recognised by its
/// name and adopted instead of created twice.
/// </summary>
public sealed class OriginationSync(ITwilioGateway twilio, ILogger<OriginationSync> logger)
{
    /// <summary>Creates the desired URLs on a trunk that has none yet (a connect): one create per URL, nothing listed.</summary>
    public async Task<IReadOnlyList<OriginationUrl>> CreateAllAsync(
        TwilioCredentials credentials,
        string trunkSid,
        IReadOnlyList<TwilioOriginationUrlSpec> desired,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var created = new List<OriginationUrl>(desired.Count);
        foreach (var spec in desired)
        {
            created.Add(ToStored(await twilio.CreateOriginationUrlAsync(credentials, trunkSid, spec, cancellationToken)));
        }

        return created;
    }

    /// <summary>
    /// Brings the trunk in line and returns the URLs it then has of ours, in the desired order; null when the trunk is
    /// gone from the account (nothing to bring in line; verification reports it).
    /// </summary>
    public async Task<IReadOnlyList<OriginationUrl>?> SyncAsync(
        TwilioCredentials credentials,
        string trunkSid,
        IReadOnlyList<TwilioOriginationUrlSpec> desired,
        IReadOnlyList<OriginationUrl> stored,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(stored);
        var actual = await twilio.ListOriginationUrlsAsync(credentials, trunkSid, cancellationToken);
        if (actual is null)
        {
            return null;
        }

        var storedSids = stored.Select(u => u.Sid).ToHashSet(StringComparer.Ordinal);
        var ours = actual.Where(url => OriginationPlan.IsOurs(url, storedSids)).ToList();
        var result = new List<OriginationUrl>(desired.Count);
        var changes = 0;
        foreach (var spec in desired)
        {
            var match = OriginationPlan.SlotOf(spec, ours, stored);
            if (match is null)
            {
                var created = await twilio.CreateOriginationUrlAsync(credentials, trunkSid, spec, cancellationToken);
                result.Add(ToStored(created));
                changes++;
                continue;
            }

            ours.Remove(match);
            if (!Equal(match, spec))
            {
                await twilio.UpdateOriginationUrlAsync(credentials, trunkSid, match.Sid, spec, cancellationToken);
                changes++;
            }

            result.Add(new OriginationUrl(match.Sid, spec.FriendlyName, spec.SipUrl, spec.Priority, spec.Weight, spec.Enabled));
        }

        foreach (var unwanted in ours)
        {
            await twilio.DeleteOriginationUrlAsync(credentials, trunkSid, unwanted.Sid, cancellationToken);
            changes++;
        }

        if (changes > 0)
        {
            logger.OriginationSynced(trunkSid, credentials.AccountSid.Value, changes);
        }

        return result;
    }

    /// <summary>Whether Twilio's URL has every field of the desired one.</summary>
    public static bool Equal(TwilioOriginationUrl actual, TwilioOriginationUrlSpec desired)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(desired);
        return string.Equals(actual.SipUrl, desired.SipUrl, StringComparison.Ordinal)
            && actual.Priority == desired.Priority
            && actual.Weight == desired.Weight
            && actual.Enabled == desired.Enabled
            && string.Equals(actual.FriendlyName, desired.FriendlyName, StringComparison.Ordinal);
    }

    private static OriginationUrl ToStored(TwilioOriginationUrl url) =>
        new(url.Sid, url.FriendlyName, url.SipUrl, url.Priority, url.Weight, url.Enabled);
}
