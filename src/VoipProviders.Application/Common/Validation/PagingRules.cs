using FluentValidation;

namespace VoipProviders.Application.Common.Validation;

/// <summary>Offset paging: skip ≥ 0 and take 1..<see cref="MaxTake"/>. Messages name the query parameter.</summary>
public static class PagingRules
{
    public const int DefaultTake = 20;
    public const int MaxTake = 1000;

    public static IRuleBuilderOptions<T, int> Skip<T>(this IRuleBuilder<T, int> rule) =>
        rule.GreaterThanOrEqualTo(0).WithMessage("skip must be 0 or more.");

    public static IRuleBuilderOptions<T, int> Take<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, MaxTake).WithMessage($"take must be between 1 and {MaxTake}.");
}
