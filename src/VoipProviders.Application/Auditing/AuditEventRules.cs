using FluentValidation;
using VoipProviders.Application.Common.Auditing;

namespace VoipProviders.Application.Auditing;

/// <summary>The audit list's filters, spelled as the API spells them. Messages name the query parameter.</summary>
internal static class AuditEventRules
{
    public static IReadOnlyList<string> Outcomes { get; } = ["succeeded", "rejected"];

    public static IRuleBuilderOptions<T, string> AuditAction<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(value => AuditActions.All.Contains(value, StringComparer.Ordinal))
            .WithMessage($"action must be one of: {string.Join(", ", AuditActions.All)}.");

    public static IRuleBuilderOptions<T, string> AuditOutcome<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(value => Outcomes.Contains(value, StringComparer.Ordinal))
            .WithMessage($"outcome must be one of: {string.Join(", ", Outcomes)}.");
}
