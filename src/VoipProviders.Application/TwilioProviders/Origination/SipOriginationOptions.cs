using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.TwilioProviders.Origination;

/// <summary>
/// Settings under <c>Sip:Origination</c>: the platform's SIP ingress, where every trunk sends the calls to its numbers,
/// and how the rollout brings existing trunks in line when they change. Checked at start
/// (<see cref="SipOriginationOptionsValidator"/>): a bad entry stops the host with a message naming it.
/// </summary>
[OptionsSection(SectionName)]
public sealed class SipOriginationOptions
{
    public const string SectionName = "Sip:Origination";
    public const int MaxUris = 10;

    /// <summary>1 to 10 origination URLs each trunk gets, in this order.</summary>
    public IList<OriginationUriSetting> Uris { get; } = [];

    /// <summary>How often the rollout looks for trunks whose origination URLs are not in line with these settings.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RolloutPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Trunks one rollout pass brings in line at the same time (each account is further limited by the Twilio gateway).</summary>
    [Range(1, 64)]
    public int RolloutConcurrency { get; set; } = 4;

    /// <summary>How long a replica may hold a trunk it brings in line before another may take it over (it died meanwhile).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan RolloutLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether this replica runs the rollout when the job engine fires it (set it alike on every replica).</summary>
    public bool RolloutEnabled { get; set; } = true;
}
