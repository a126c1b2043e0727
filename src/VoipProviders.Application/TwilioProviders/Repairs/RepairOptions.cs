using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>Settings under <c>Repair</c> for drift repairs.</summary>
[OptionsSection(SectionName)]
public sealed class RepairOptions
{
    public const string SectionName = "Repair";

    /// <summary>
    /// The most automatic repairs per provider per 24 hours (from the first): a tenant undoing the module's fixes in the
    /// Console must not cause a loop. Reaching it pauses auto-repair for the provider until the 24 hours end.
    /// </summary>
    [Range(0, 100)]
    public int MaxAutomaticRepairsPerDay { get; set; } = 3;

    /// <summary>How long a repair holds its provider at most; a repair whose replica stopped lets go when it passes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After the lease, how long before a trunk or credential list a stopped repair may have created without storing it
    /// is looked up and deleted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LeftoverCheckDelay { get; set; } = TimeSpan.FromMinutes(1);
}
