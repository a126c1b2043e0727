using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.TwilioProviders.Repairs;

namespace VoipProviders.Application.TwilioProviders.Jobs.RepairProviderAutomatically;

public sealed class RepairProviderAutomaticallyCommandHandler(
    ITwilioProviderRepository providers,
    RepairPlanner planner,
    ProviderRepairer repairer,
    ProviderVerifier verifier,
    IBackgroundJobContext jobContext,
    TimeProvider timeProvider,
    ILogger<RepairProviderAutomaticallyCommandHandler> logger) : ICommandHandler<RepairProviderAutomaticallyCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(RepairProviderAutomaticallyCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindForBackgroundWorkAsync(ProviderId.From(command.ProviderId), cancellationToken);
        if (provider is null)
        {
            return BackgroundJobOutcome.Completed;
        }

        var now = timeProvider.GetUtcNow();
        var skipped = provider switch
        {
            { AutoRepair: AutoRepairMode.Off } => "auto-repair is off",
            _ when provider.Version != command.VerifiedVersion => "the provider changed since the verification (its own verification decides again)",
            { ActiveAuthTokenRotationId: not null } => "a managed Auth Token rotation is running",
            _ when provider.IsRepairing(now) => "another repair is running",
            _ when provider.AutoRepairPausedUntil > now => "the day's automatic repairs are spent",
            _ => null,
        };
        if (skipped is not null)
        {
            logger.AutoRepairSkipped(provider.Id.Value, skipped);
            return BackgroundJobOutcome.Completed;
        }

        RepairPlan plan;
        try
        {
            plan = await planner.PlanAsync(provider, cancellationToken);
        }
        catch (TwilioGatewayException failure) when (failure is TwilioUnavailableException or TwilioRateLimitedException)
        {
            return jobContext.IsLastAttempt ? BackgroundJobOutcome.GaveUp : BackgroundJobOutcome.RetryLater;
        }

        if (plan.IsDisruptive && provider.AutoRepair != AutoRepairMode.All)
        {
            // Everything else hangs on the trunk: nothing is applied until the tenant allows the new trunk.
            logger.AutoRepairSkipped(provider.Id.Value, "the trunk must be recreated, which auto-repair 'safe' never does: apply the plan with allowDisruptive, or set autoRepair to all");
            return BackgroundJobOutcome.Completed;
        }

        if (plan.Repairs.Count == 0)
        {
            logger.AutoRepairSkipped(provider.Id.Value, "nothing the module can repair");
            return BackgroundJobOutcome.Completed;
        }

        try
        {
            if (await repairer.RunAsync(provider, plan, plan.Actions, RepairTriggers.Automatic, cancellationToken) is null)
            {
                return BackgroundJobOutcome.Completed; // paused by the daily cap (recorded)
            }
        }
        catch (ConflictException conflict) when (conflict.Code == RepairRules.PlanStaleCode)
        {
            // Lost the claim: nothing was applied. (A commit lost after a Twilio change fails the job instead, so that
            // the unit of work's compensation undoes the change.)
            logger.AutoRepairSkipped(provider.Id.Value, "the provider changed or another repair took it");
            return BackgroundJobOutcome.Completed;
        }

        try
        {
            await verifier.VerifyNowAsync(provider.OrganizationId, provider.Id, cancellationToken, VerificationTrigger.Repair);
        }
        catch (ExpectedFailureException inconclusive) when (inconclusive is UpstreamFailureException or ConflictException)
        {
            logger.VerificationInconclusive(provider.Id.Value, inconclusive.Code);
        }

        return BackgroundJobOutcome.Completed;
    }
}
