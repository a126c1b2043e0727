namespace VoipProviders.Domain.TwilioProviders.Repairs;

/// <summary>The codes a drift repair refuses or stops with.</summary>
public static class RepairRules
{
    /// <summary>A repair of the provider is running: another one, or a change to the provider, must wait for it.</summary>
    public const string RepairInProgressCode = "repair_in_progress";

    /// <summary>The plan was made for another version of the provider, or the account has changed since.</summary>
    public const string PlanStaleCode = "repair_plan_stale";

    /// <summary>The plan recreates the trunk (its SIP address changes) and the caller did not allow that.</summary>
    public const string DisruptiveNotAllowedCode = "disruptive_repair_not_allowed";

    /// <summary>The provider reached its automatic repairs for the day.</summary>
    public const string AutomaticRepairLimitCode = "auto_repair_limit_reached";
}
