using System.Text;
using VoipProviders.Application.Contracts.Calling;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Web.Calling;

/// <summary>
/// Body of <c>GET /internal/v1/providers/{id}/dial-out-route</c>: the only response of the module that carries a secret
/// (the SIP password), to the platform's SIP service alone, never cached (<c>Cache-Control: no-store</c>).
/// </summary>
public sealed record DialOutRouteResponse
{
    public required Guid ProviderId { get; init; }

    public required string TerminationUri { get; init; }

    public required string SipUsername { get; init; }

    public required string SipPassword { get; init; }

    public required IReadOnlyList<string> CallerIdNumbers { get; init; }

    public required bool Secure { get; init; }

    public required int CredentialVersion { get; init; }

    public required VerificationStatus VerificationStatus { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ProviderId = ").Append(ProviderId)
            .Append(", TerminationUri = ").Append(TerminationUri)
            .Append(", SipUsername = ").Append(SipUsername)
            .Append(", SipPassword = [redacted], CredentialVersion = ").Append(CredentialVersion);
        return true;
    }

    public static DialOutRouteResponse From(Guid providerId, DialOutRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return new DialOutRouteResponse
        {
            ProviderId = providerId,
            TerminationUri = route.TerminationUri,
            SipUsername = route.SipUsername,
            SipPassword = route.SipPassword,
            CallerIdNumbers = route.CallerIdNumbers,
            Secure = route.Secure,
            CredentialVersion = route.CredentialVersion,
            VerificationStatus = route.VerificationStatus,
        };
    }
}
