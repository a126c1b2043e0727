using System.Security.Claims;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Domain.Common;

namespace VoipProviders.Web.Auth;

/// <summary>
/// The tenant of a request is the <c>org_id</c> claim of its bearer token, parsed here once: past the edge every command
/// and query carries an <see cref="OrganizationId"/> that is well-formed by construction.
/// </summary>
public static class OrganizationClaims
{
    public const string ClaimType = "org_id";
    public const string PolicyName = "Organization";
    private const string Field = "organizationId";

    /// <exception cref="RequestValidationException">The claim is not an organization id (400 naming <c>organizationId</c>).</exception>
    public static OrganizationId GetOrganizationId(this ClaimsPrincipal user)
    {
        var value = Claim(user);
        return OrganizationId.TryParse(value, out var organizationId)
            ? organizationId
            : throw new RequestValidationException(new Dictionary<string, string[]>(StringComparer.Ordinal) { [Field] = Problems(value) });
    }

    /// <summary>The request's organization, when its token carries a well-formed one.</summary>
    public static bool TryGetOrganizationId(this ClaimsPrincipal user, out OrganizationId organizationId) =>
        OrganizationId.TryParse(user?.FindFirst(ClaimType)?.Value, out organizationId);

    private static string Claim(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(ClaimType)?.Value
            ?? throw new InvalidOperationException("The endpoint must require the Organization policy.");
    }

    /// <summary>What is wrong with it, in words that never repeat it.</summary>
    private static string[] Problems(string value)
    {
        var problems = new List<string>(3);
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{Field} is required.");
        }

        if (value.Length > OrganizationId.MaxLength)
        {
            problems.Add($"{Field} must be at most {OrganizationId.MaxLength} characters.");
        }

        if (!value.All(OrganizationId.IsAllowedCharacter))
        {
            problems.Add($"{Field} must not contain control characters or whitespace.");
        }

        return [.. problems];
    }
}
