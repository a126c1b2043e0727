using System.Globalization;
using Mapster;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.PhoneNumbers;
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

    /// <summary>The trunk <see cref="ConnectedProvider"/> is built on.</summary>
    public const string TrunkSid = "TK0123456789abcdef0123456789abcdef";

    /// <summary>A trunk of the same account that belongs to nobody here (made by hand, or by another integration).</summary>
    public const string OtherTrunkSid = "TKfedcba9876543210fedcba9876543210";

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

    /// <summary>The SID of the <paramref name="n"/>th sample number: "PN" and <paramref name="n"/> as 32 hex digits.</summary>
    public static string PhoneNumberSid(int n) => "PN" + n.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>The <paramref name="n"/>th sample number of the account, as Twilio lists it.</summary>
    public static TwilioIncomingNumber IncomingNumber(int n, string? trunkSid = null) =>
        new(
            PhoneNumberSid(n),
            string.Create(CultureInfo.InvariantCulture, $"+1415555{n:0000}"),
            string.Create(CultureInfo.InvariantCulture, $"(415) 555-{n:0000}"),
            new PhoneNumberCapabilities(Voice: true, Sms: n % 2 == 0, Mms: false),
            trunkSid);

    /// <summary>An import of the <paramref name="n"/>th sample number by <paramref name="provider"/>, as committed earlier.</summary>
    public static ImportedPhoneNumber ImportedNumber(TwilioProvider provider, int n, Guid? id = null) =>
        ImportedPhoneNumber.Import(
            id ?? Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"0199f6a2-9999-7000-8000-{n:x12}")),
            provider,
            PhoneNumberSid(n),
            IncomingNumber(n).PhoneNumber,
            IncomingNumber(n).FriendlyName,
            IncomingNumber(n).Capabilities,
            Start);

    public static TwilioProvider ConnectedProvider(
        FakeSecretProtector protector,
        Guid? id = null,
        string organizationId = OrganizationId,
        string authToken = AuthToken,
        TwilioRegion? region = null,
        DateTimeOffset? now = null,
        bool supportsCallTransfer = false,
        string name = "Main Twilio",
        ProtectedSecret? protectedAuthToken = null)
    {
        var providerId = id ?? Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab");
        return TwilioProvider.Connect(
            providerId,
            organizationId,
            name,
            AccountSid,
            protectedAuthToken ?? protector.Protect(SecretPurpose.TwilioAuthToken, providerId, authToken),
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
