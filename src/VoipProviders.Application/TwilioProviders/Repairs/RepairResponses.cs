using VoipProviders.Application.Providers;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>Shapes plans and applied repairs as <see cref="ProviderRepairResponse"/>.</summary>
internal static class RepairResponses
{
    public static ProviderRepairResponse DryRun(RepairPlan plan) => new()
    {
        PlanId = plan.PlanId,
        BasedOnVersion = plan.BasedOnVersion,
        DryRun = true,
        Actions = Actions(plan),
    };

    public static ProviderRepairResponse Applied(
        RepairPlan plan,
        IReadOnlyList<RepairActionResult> results,
        ProviderVerificationResponse? verification,
        string? verificationError) => new()
        {
            PlanId = plan.PlanId,
            BasedOnVersion = plan.BasedOnVersion,
            DryRun = false,
            Actions = Actions(plan),
            Results = [.. results.Select(r => new RepairActionResultResponse { Action = r.Action, Target = r.Target, Outcome = r.Outcome, Error = r.Error })],
            Verification = verification,
            VerificationError = verificationError,
        };

    private static List<RepairActionResponse> Actions(RepairPlan plan) =>
        [.. plan.Actions.Select(a => new RepairActionResponse { Action = a.Action, Target = a.Target, Reason = a.Reason, Disruptive = a.Disruptive })];
}
