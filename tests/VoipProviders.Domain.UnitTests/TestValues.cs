using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests;

/// <summary>Well-formed sample values and a factory for a freshly connected provider.</summary>
internal static class TestValues
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string OrganizationId = "org-42";
    public const string TrunkDomainName = "vp-abc.pstn.twilio.com";

    public static readonly Guid ProviderId = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab");
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    public static readonly ProtectedSecret AuthToken = new("cipher-auth-token-v1");
    public static readonly ProtectedSecret SipPassword = new("cipher-sip-password-v1");

    public static ProvisionedTrunk Trunk(string domainName = TrunkDomainName) => new()
    {
        TrunkSid = "TK0123456789abcdef0123456789abcdef",
        DomainName = domainName,
        CredentialListSid = "CL0123456789abcdef0123456789abcdef",
        SipCredentialSid = "CR0123456789abcdef0123456789abcdef",
        SipUsername = "vpuser0123456789abcdefgh",
        SipPassword = SipPassword,
        InboundRoutingKey = "k3x9q2m7v8b4n1c6z5l0p2r8",
        OriginationRevision = "0123456789abcdef",
    };

    public static TwilioProvider Connect(
        Guid? id = null,
        string organizationId = OrganizationId,
        string name = "Main Twilio",
        string accountSid = AccountSid,
        TwilioRegion? region = null,
        bool supportsCallTransfer = false,
        ProvisionedTrunk? trunk = null,
        DateTimeOffset? now = null) =>
        TwilioProvider.Connect(
            Domain.Common.ProviderId.From(id ?? ProviderId),
            Domain.Common.OrganizationId.Parse(organizationId),
            name,
            Domain.Twilio.AccountSid.Parse(accountSid),
            AuthToken,
            region ?? TwilioRegion.Us1,
            supportsCallTransfer,
            trunk ?? Trunk(),
            now ?? Now);

    public static VerificationCheck Check(string name, VerificationCheckStatus status) =>
        new(name, status, $"{name} is {status}", Now, new Dictionary<string, object> { ["check"] = name });
}
