using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Origination;

/// <summary>
/// The origination URLs every trunk should have under the current <see cref="SipOriginationOptions"/>, and the revision
/// that names those settings: a provider whose stored revision differs is brought in line by the rollout.
/// </summary>
public sealed class OriginationPlan
{
    /// <summary>The friendly names of the URLs this module creates start so; the tenant's own never do.</summary>
    public const string FriendlyNamePrefix = "VoipProviders origination ";

    private readonly IReadOnlyList<OriginationUriSetting> _settings;

    public OriginationPlan(IOptions<SipOriginationOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        StartedAt = timeProvider.GetUtcNow();
        _settings = [.. options.Value.Uris];
        var canonical = string.Join(
            '\n',
            _settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Uri}|{s.Priority}|{s.Weight}")));
        Revision = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }

    /// <summary>When this replica took up its settings: a newer start with other settings supersedes them.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Names the settings: 16 hexadecimal characters of their hash.</summary>
    public string Revision { get; }

    /// <summary>The revision a provider stores once its URLs are in line: the settings' and the trunk's secure flag.</summary>
    public string RevisionFor(bool secure) => secure ? Revision + "-tls" : Revision;

    /// <summary>The URLs a provider's trunk should have: one per setting, in order, all enabled.</summary>
    public IReadOnlyList<TwilioOriginationUrlSpec> DesiredFor(string routingKey, bool secure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routingKey);
        return
        [
            .. _settings.Select((setting, index) => new TwilioOriginationUrlSpec(
                FriendlyNameOf(index),
                OriginationUriTemplate.For(setting.Uri!, routingKey, secure),
                setting.Priority,
                setting.Weight,
                Enabled: true)),
        ];
    }

    /// <summary>Whether an origination URL of the trunk is one this module created: by its SID, or by its name (a create whose answer was lost).</summary>
    public static bool IsOurs(TwilioOriginationUrl url, IReadOnlySet<string> ourSids)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(ourSids);
        return ourSids.Contains(url.Sid) || url.FriendlyName.StartsWith(FriendlyNamePrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// Which of our URLs on the trunk holds a desired slot: the one whose SID is stored for the slot, else the first of
    /// ours carrying the slot's name (created by an attempt whose answer was lost); null when none does.
    /// </summary>
    public static TwilioOriginationUrl? SlotOf(TwilioOriginationUrlSpec desired, IEnumerable<TwilioOriginationUrl> ours, IReadOnlyList<OriginationUrl> stored)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(stored);
        var storedSid = stored.FirstOrDefault(u => string.Equals(u.FriendlyName, desired.FriendlyName, StringComparison.Ordinal))?.Sid;
        return ours.FirstOrDefault(u => string.Equals(u.Sid, storedSid, StringComparison.Ordinal))
            ?? ours.FirstOrDefault(u => string.Equals(u.FriendlyName, desired.FriendlyName, StringComparison.Ordinal));
    }

    private static string FriendlyNameOf(int index) => FriendlyNamePrefix + (index + 1).ToString(CultureInfo.InvariantCulture);
}
