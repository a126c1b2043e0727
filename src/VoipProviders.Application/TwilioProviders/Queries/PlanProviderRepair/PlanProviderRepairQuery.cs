using Mediator;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Queries.PlanProviderRepair;

/// <summary>
/// What a repair of the provider would do now (POST …/repair?dryRun=true): planned from a fresh look at its Twilio
/// account, nothing changed.
/// </summary>
public sealed record PlanProviderRepairQuery(OrganizationId OrganizationId, ProviderId ProviderId) : IQuery<ProviderRepairResponse>;
