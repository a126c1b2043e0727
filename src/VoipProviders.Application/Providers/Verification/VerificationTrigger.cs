namespace VoipProviders.Application.Providers.Verification;

/// <summary>Why a provider is being verified; it decides who waits for whom and which limits apply.</summary>
public enum VerificationTrigger
{
    /// <summary>A caller asked (POST …/verify) and waits for the answer.</summary>
    Manual,

    /// <summary>A create, rotation or trunk-changing update committed (durable job).</summary>
    AfterChange,

    /// <summary>The scheduled sweep found the provider due.</summary>
    Scheduled,

    /// <summary>A repair was applied (by the tenant or auto-repair) and its outcome is checked; never starts another repair.</summary>
    Repair,
}
