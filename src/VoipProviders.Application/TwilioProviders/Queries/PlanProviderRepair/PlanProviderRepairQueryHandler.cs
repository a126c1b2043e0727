using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders.Repairs;

namespace VoipProviders.Application.TwilioProviders.Queries.PlanProviderRepair;

public sealed class PlanProviderRepairQueryHandler(ITwilioProviderRepository providers, RepairPlanner planner)
    : IQueryHandler<PlanProviderRepairQuery, ProviderRepairResponse>
{
    public async ValueTask<ProviderRepairResponse> Handle(PlanProviderRepairQuery query, CancellationToken cancellationToken)
    {
        var provider = await providers.FindCommittedAsync(query.OrganizationId, query.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Provider", query.ProviderId.Value);
        return RepairResponses.DryRun(await planner.PlanAsync(provider, cancellationToken));
    }
}
