using VoipProviders.Domain.Common;

namespace VoipProviders.Domain.TwilioProviders;

/// <summary>The Elastic SIP trunk built in the tenant's Twilio account, with the SIP credential that authenticates on it.</summary>
public sealed record ProvisionedTrunk
{
    public required string TrunkSid { get; init; }

    public required string DomainName { get; init; }

    public required string CredentialListSid { get; init; }

    public required string SipCredentialSid { get; init; }

    public required string SipUsername { get; init; }

    public required ProtectedSecret SipPassword { get; init; }
}
