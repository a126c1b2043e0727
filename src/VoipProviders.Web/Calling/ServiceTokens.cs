using System.Security.Claims;

namespace VoipProviders.Web.Calling;

/// <summary>What a service token of the internal API carries: the audience, the scope, and who it is (for the log).</summary>
internal static class ServiceTokens
{
    public const string ScopeClaim = "scope";
    public const string AudienceClaim = "aud";

    public static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll(ScopeClaim).Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));

    public static bool HasAudience(ClaimsPrincipal user, string audience) =>
        user.FindAll(AudienceClaim).Any(claim => string.Equals(claim.Value, audience, StringComparison.Ordinal));

    /// <summary>The caller as the log names it: the token's subject (or client id), never the token.</summary>
    public static string CallerOf(ClaimsPrincipal user) =>
        user.FindFirst("sub")?.Value ?? user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value ?? "unknown-service";
}
