using FluentValidation;

namespace VoipProviders.Application.TwilioProviders.Queries.PlanProviderRepair;

/// <summary>The query has nothing a caller can get wrong: its ids are parsed at the edge. Declared so every request is validated.</summary>
public sealed class PlanProviderRepairQueryValidator : AbstractValidator<PlanProviderRepairQuery>;
