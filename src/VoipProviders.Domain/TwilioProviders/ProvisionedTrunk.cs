using VoipProviders.Domain.Common;

namespace VoipProviders.Domain.TwilioProviders;

/// <summary>
/// The Elastic SIP trunk built in the tenant's Twilio account, with the SIP credential that authenticates on it and the
/// origination URLs that send its inbound calls to the platform.
/// </summary>
public sealed record ProvisionedTrunk
{
    public required string TrunkSid { get; init; }

    public required string DomainName { get; init; }

    public required string CredentialListSid { get; init; }

    public required string SipCredentialSid { get; init; }

    public required string SipUsername { get; init; }

    public required ProtectedSecret SipPassword { get; init; }

    /// <summary>Whether the trunk was created with Secure=true (TLS signalling, SRTP media).</summary>
    public bool Secure { get; init; }

    /// <summary>The routing key the origination URLs carry.</summary>
    public required string InboundRoutingKey { get; init; }

    public IReadOnlyList<OriginationUrl> OriginationUrls { get; init; } = [];

    /// <summary>Which origination settings the URLs were built from.</summary>
    public required string OriginationRevision { get; init; }
}
