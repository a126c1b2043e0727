namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>Who started a repair (the audit record's and event's <c>trigger</c>).</summary>
public static class RepairTriggers
{
    /// <summary>The tenant applied a plan (POST …/repair).</summary>
    public const string Manual = "manual";

    /// <summary>Auto-repair, after a scheduled or after-change verification found drift.</summary>
    public const string Automatic = "automatic";
}
