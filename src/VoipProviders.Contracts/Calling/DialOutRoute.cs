using System.Text;
using VoipProviders.Contracts.Providers;

namespace VoipProviders.Contracts.Calling;

/// <summary>
/// Where and how to send a call out through a provider's trunk (the internal API answers it as it is). <see cref="SipPassword"/> is the plain password: keep it
/// in memory only, never log or store it. The record prints itself with the password redacted.
/// </summary>
public sealed record DialOutRoute
{
    public required Guid ProviderId { get; init; }

    /// <summary>The trunk's termination SIP URI on the provider's edge; <c>:5061;transport=tls</c> when <see cref="Secure"/>.</summary>
    public required string TerminationUri { get; init; }

    public required string SipUsername { get; init; }

    public required string SipPassword { get; init; }

    /// <summary>The numbers the provider imported (E.164): the caller IDs a call through the trunk may present.</summary>
    public required IReadOnlyList<string> CallerIdNumbers { get; init; }

    /// <summary>TLS signalling and SRTP media are required on the trunk.</summary>
    public required bool Secure { get; init; }

    /// <summary>Changes whenever the SIP credential is rotated: a cached route with an older version is stale.</summary>
    public required int CredentialVersion { get; init; }

    public required ProviderVerificationStatus VerificationStatus { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ProviderId = ").Append(ProviderId)
            .Append(", TerminationUri = ").Append(TerminationUri)
            .Append(", SipUsername = ").Append(SipUsername)
            .Append(", SipPassword = [redacted], CallerIdNumbers = ").Append(CallerIdNumbers.Count)
            .Append(", Secure = ").Append(Secure)
            .Append(", CredentialVersion = ").Append(CredentialVersion)
            .Append(", VerificationStatus = ").Append(VerificationStatus);
        return true;
    }
}
