namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>What became of one action of an applied plan (the API's <c>outcome</c> values).</summary>
public static class RepairOutcomes
{
    public const string Applied = "applied";

    public const string Failed = "failed";

    /// <summary>Not tried: a manual finding, an action an earlier failure made pointless, or one already in line.</summary>
    public const string Skipped = "skipped";
}
