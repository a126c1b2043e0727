using System.Security.Claims;

namespace VoipProviders.Web.Auth;

/// <summary>The tenant of a request is the <c>org_id</c> claim of its bearer token.</summary>
public static class OrganizationClaims
{
    public const string ClaimType = "org_id";
    public const string PolicyName = "Organization";

    public static string GetOrganizationId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(ClaimType)?.Value
            ?? throw new InvalidOperationException("The endpoint must require the Organization policy.");
    }
}
