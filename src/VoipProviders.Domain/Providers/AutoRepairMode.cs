namespace VoipProviders.Domain.Providers;

/// <summary>Which repairs the module applies by itself when a scheduled or after-change verification finds drift.</summary>
public enum AutoRepairMode
{
    /// <summary>None: findings are reported, and the tenant repairs on demand.</summary>
    Off,

    /// <summary>Every repair that keeps the trunk's SIP address (everything but recreating a deleted trunk).</summary>
    Safe,

    /// <summary>Every repair, recreating a deleted trunk included (its termination URI changes).</summary>
    All,
}
