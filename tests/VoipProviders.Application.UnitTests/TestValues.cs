using Mapster;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests;

/// <summary>Well-formed sample values shared by the tests.</summary>
internal static class TestValues
{
    public const string OrganizationId = "org-42";
    public const string OtherOrganizationId = "org-7";
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "00112233445566778899aabbccddeeff";
    public const string NewAuthToken = "ffeeddccbbaa99887766554433221100";

    /// <summary>Shaped like a token (32 hex) but invalid: upper case.</summary>
    public const string UppercaseToken = "0123456789ABCDEF0123456789ABCDEF";

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    public static TwilioProviderResponse SampleResponse() => new()
    {
        Id = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"),
        Name = "Main Twilio",
        AccountSid = AccountSid,
        VerificationStatus = VerificationStatus.Pending,
        TrunkSid = "TK0123456789abcdef0123456789abcdef",
        TerminationUri = "sip:vp-0123456789abcdef.pstn.ashburn.twilio.com",
        Region = "us1",
        SupportsCallTransfer = false,
        CreatedAt = Start,
        UpdatedAt = Start,
        Version = 1,
    };

    /// <summary>The application's Mapster configuration, built the way the host builds it.</summary>
    public static TypeAdapterConfig Mappings()
    {
        var config = new TypeAdapterConfig();
        config.Scan(typeof(DependencyInjection).Assembly);
        config.Compile();
        return config;
    }

    /// <summary>The clean-up settings as the host binds them; by default the shipped limit.</summary>
    public static IOptions<TwilioResourceCleanupOptions> CleanupOptions(int maxAttemptsWhenCredentialsRejected = 3) =>
        Options.Create(new TwilioResourceCleanupOptions { MaxAttemptsWhenCredentialsRejected = maxAttemptsWhenCredentialsRejected });

    public static TwilioProvider ConnectedProvider(
        FakeSecretProtector protector,
        Guid? id = null,
        string organizationId = OrganizationId,
        string authToken = AuthToken,
        TwilioRegion? region = null,
        DateTimeOffset? now = null,
        bool supportsCallTransfer = false,
        string name = "Main Twilio")
    {
        var providerId = id ?? Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab");
        return TwilioProvider.Connect(
            providerId,
            organizationId,
            name,
            AccountSid,
            protector.Protect(SecretPurpose.TwilioAuthToken, providerId, authToken),
            region ?? TwilioRegion.Us1,
            supportsCallTransfer,
            new ProvisionedTrunk
            {
                TrunkSid = "TK0123456789abcdef0123456789abcdef",
                DomainName = "vp-0123456789abcdef.pstn.twilio.com",
                CredentialListSid = "CL0123456789abcdef0123456789abcdef",
                SipCredentialSid = "CR0123456789abcdef0123456789abcdef",
                SipUsername = "vpabcdefghij0123456789ab",
                SipPassword = protector.Protect(SecretPurpose.SipPassword, providerId, "Sip-Password-0123456789-abcdefghijklmn"),
            },
            now ?? Start);
    }
}
