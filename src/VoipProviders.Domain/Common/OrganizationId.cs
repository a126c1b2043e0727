using System.Diagnostics.CodeAnalysis;

namespace VoipProviders.Domain.Common;

/// <summary>
/// The tenant everything belongs to (the token's <c>org_id</c>): 1 to 64 characters, none of them control characters or
/// whitespace — a NUL would otherwise travel to PostgreSQL, which refuses it. Parsed once where it enters the module
/// (claims, in-process callers); past that, an instance is always well-formed.
/// </summary>
public readonly record struct OrganizationId
{
    public const int MaxLength = 64;

    private readonly string? _value;

    private OrganizationId(string value) => _value = value;

    /// <summary>The id as the token carries it.</summary>
    public string Value => _value ?? throw new InvalidOperationException("An OrganizationId was used before it was parsed.");

    /// <summary>True for <c>default</c>: an instance that was never parsed and holds no organization.</summary>
    public bool IsDefault => _value is null;

    /// <exception cref="ArgumentException">This instance was never parsed (<c>default</c>).</exception>
    public void ThrowIfDefault(string paramName)
    {
        if (IsDefault)
        {
            throw new ArgumentException("An organization id is required.", paramName);
        }
    }

    public static bool IsWellFormed([NotNullWhen(true)] string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && value.All(IsAllowedCharacter);

    /// <summary>Whether a character may appear in an organization id.</summary>
    public static bool IsAllowedCharacter(char c) => !char.IsControl(c) && !char.IsWhiteSpace(c);

    public static bool TryParse([NotNullWhen(true)] string? value, out OrganizationId organizationId)
    {
        organizationId = IsWellFormed(value) ? new OrganizationId(value) : default;
        return organizationId._value is not null;
    }

    /// <exception cref="ArgumentException">Not an organization id (the message never contains the value).</exception>
    public static OrganizationId Parse(string? value) =>
        TryParse(value, out var organizationId)
            ? organizationId
            : throw new ArgumentException(
                $"An organization id has 1 to {MaxLength} characters and no control characters or whitespace.", nameof(value));

    /// <summary>The value; empty for an instance that was never parsed (ToString never throws).</summary>
    public override string ToString() => _value ?? string.Empty;
}
