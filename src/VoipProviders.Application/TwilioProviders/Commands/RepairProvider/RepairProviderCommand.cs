using Mediator;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Commands.RepairProvider;

/// <summary>
/// Plans the provider's repair afresh and applies it, action by action, then verifies. With <see cref="PlanId"/>, only
/// that plan is applied (409 when the provider or account changed since it was made); a plan that recreates the trunk
/// needs <see cref="AllowDisruptive"/>.
/// </summary>
public sealed record RepairProviderCommand(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    Guid? PlanId = null,
    bool AllowDisruptive = false,
    VersionPrecondition? IfMatch = null) : ICommand<ProviderRepairResponse>;
