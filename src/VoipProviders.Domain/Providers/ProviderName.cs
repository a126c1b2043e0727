using VoipProviders.Domain.Common;

namespace VoipProviders.Domain.Providers;

/// <summary>
/// The rules of a provider's display name, whatever its type: 1 to 100 characters, not blank, without control
/// characters, line or paragraph separators, or the bidirectional overrides that make a name display as something else.
/// </summary>
public static class ProviderName
{
    public const int MaxLength = 100;
    public const string InvalidCode = "invalid_name";

    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxLength && name.All(IsAllowed);

    /// <summary>Whether a character may appear in a display name (see <see cref="IsValid"/>): the rules of <see cref="DisplayText"/>.</summary>
    public static bool IsAllowed(char c) => DisplayText.IsAllowed(c);

    /// <exception cref="Common.DomainRuleViolationException">The name breaks the rules (the message never contains it).</exception>
    public static void Require(string name)
    {
        if (!IsValid(name))
        {
            throw new Common.DomainRuleViolationException(
                InvalidCode,
                $"A provider name has 1 to {MaxLength} characters, is not blank and contains no control, line-separator or bidirectional-override characters.");
        }
    }
}
