using Mapster;
using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.TwilioProviders.Commands.RepairProvider;

public sealed class RepairProviderCommandHandler(
    ITwilioProviderRepository providers,
    RepairPlanner planner,
    ProviderRepairer repairer,
    ProviderVerifier verifier,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider,
    ILogger<RepairProviderCommandHandler> logger) : ICommandHandler<RepairProviderCommand, ProviderRepairResponse>
{
    public async ValueTask<ProviderRepairResponse> Handle(RepairProviderCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Provider", command.ProviderId.Value);
        command.IfMatch?.Check(provider.Version);
        AuthTokenRotationConflicts.ThrowIfRotating(provider);
        RepairConflicts.ThrowIfRepairing(provider, timeProvider);

        var plan = await planner.PlanAsync(provider, cancellationToken);
        if (command.PlanId is { } planId && planId != plan.PlanId)
        {
            throw RepairConflicts.PlanStale(planId);
        }

        if (plan.IsDisruptive && !command.AllowDisruptive)
        {
            throw RepairConflicts.DisruptiveNotAllowed();
        }

        IReadOnlyList<RepairActionResult> results;
        if (plan.Repairs.Count == 0)
        {
            // Nothing the module can repair: the manual findings are reported, and the provider is not taken.
            results = [.. plan.Actions.Select(a => new RepairActionResult(a.Action, a.Target, RepairOutcomes.Skipped, $"Not repaired by the module: {a.Reason}"))];
        }
        else
        {
            results = (await repairer.RunAsync(provider, plan, plan.Actions, RepairTriggers.Manual, cancellationToken))!;
        }

        try
        {
            var verified = await verifier.VerifyNowAsync(command.OrganizationId, command.ProviderId, cancellationToken, VerificationTrigger.Repair);
            return RepairResponses.Applied(plan, results, verified.Adapt<IVerifiableProvider, ProviderVerificationResponse>(mappings), null);
        }
        catch (ExpectedFailureException exception) when (exception is UpstreamFailureException or ConflictException)
        {
            var code = exception.Code;
            logger.VerificationInconclusive(provider.Id.Value, code);
            return RepairResponses.Applied(plan, results, null, $"The verification after the repair has no result ({code}); verify again with POST …/verify.");
        }
    }
}
