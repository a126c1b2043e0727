using System.Globalization;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Configuration;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests;

/// <summary>Well-formed sample values shared by the tests.</summary>
internal static class TestValues
{
    public static readonly OrganizationId OrganizationId = Domain.Common.OrganizationId.Parse("org-42");
    public static readonly OrganizationId OtherOrganizationId = Domain.Common.OrganizationId.Parse("org-7");
    public static readonly AccountSid AccountSid = Domain.Twilio.AccountSid.Parse("AC0123456789abcdef0123456789abcdef");

    /// <summary>The id <see cref="ConnectedProvider"/> gives a provider unless told otherwise.</summary>
    public static readonly ProviderId ProviderId = Domain.Common.ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"));
    public const string AuthToken = "00112233445566778899aabbccddeeff";
    public const string NewAuthToken = "ffeeddccbbaa99887766554433221100";

    /// <summary>Shaped like a token (32 hex) but invalid: upper case.</summary>
    public const string UppercaseToken = "0123456789ABCDEF0123456789ABCDEF";

    /// <summary>The trunk <see cref="ConnectedProvider"/> is built on.</summary>
    public const string TrunkSid = "TK0123456789abcdef0123456789abcdef";

    /// <summary>A trunk of the same account that belongs to nobody here (made by hand, or by another integration).</summary>
    public const string OtherTrunkSid = "TKfedcba9876543210fedcba9876543210";

    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The platform's SIP ingress in these tests: one origination URL per trunk.</summary>
    public const string OriginationUri = "sip:{routingKey}.in1.voice.example.com:5061;transport=tls";

    /// <summary>The revision of <see cref="Origination"/>'s settings, as a provider connected under them stores it.</summary>
    public static string OriginationRevision => Origination().RevisionFor(secure: false);

    /// <summary>The origination settings of these tests: <see cref="OriginationUri"/> at priority 10, weight 10.</summary>
    public static OriginationPlan Origination(TimeProvider? time = null) => new(OriginationOptions(), time ?? TimeProvider.System);

    /// <summary>The settings behind <see cref="Origination"/>, for code that builds its plan itself (a container).</summary>
    public static IOptions<SipOriginationOptions> OriginationOptions()
    {
        var options = new SipOriginationOptions();
        options.Uris.Add(new OriginationUriSetting { Uri = OriginationUri });
        return Options.Create(options);
    }

    public static OriginationSync OriginationSync(ITwilioGateway twilio) => new(twilio, NullLogger<OriginationSync>.Instance);

    public static TwilioProviderResponse SampleResponse() => new()
    {
        Id = ProviderId.Value,
        Name = "Main Twilio",
        AccountSid = AccountSid.Value,
        VerificationStatus = VerificationStatus.Pending,
        TrunkSid = "TK0123456789abcdef0123456789abcdef",
        TerminationUri = "sip:vp-0123456789abcdef.pstn.ashburn.twilio.com",
        Region = "us1",
        SupportsCallTransfer = false,
        SecureTrunking = false,
        InboundRoutingKey = "k3x9q2m7v8b4n1c6z5l0p2r8",
        OriginationUris = [],
        SipCredentialVersion = 1,
        SipCredentialUpdatedAt = Start,
        AuthTokenRotationPolicy = new AuthTokenRotationPolicyResponse { Enabled = false, IntervalDays = 90, PropagationDelaySeconds = 60, NextRotationAt = null },
        AutoRepair = AutoRepairMode.Off,
        ActiveAuthTokenRotationId = null,
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

    /// <summary>
    /// The services the application's features bring (<see cref="IFeatureServices"/>), added the way the host's module
    /// composition adds them: every implementation in the application assembly, once, in the order of their names.
    /// </summary>
    public static IServiceCollection AddFeaturesOfTheApplication(IServiceCollection services)
    {
        var features = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IFeatureServices).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal);
        foreach (var feature in features)
        {
            ((IFeatureServices)Activator.CreateInstance(type: feature)!).AddServices(services);
        }

        return services;
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
            provider.OrganizationId,
            provider.Id,
            PhoneNumberSid(n),
            IncomingNumber(n).PhoneNumber,
            IncomingNumber(n).FriendlyName,
            IncomingNumber(n).Capabilities,
            Start);

    public static TwilioProvider ConnectedProvider(
        FakeSecretProtector protector,
        Guid? id = null,
        OrganizationId? organizationId = null,
        string authToken = AuthToken,
        TwilioRegion? region = null,
        DateTimeOffset? now = null,
        bool supportsCallTransfer = false,
        string name = "Main Twilio",
        ProtectedSecret? protectedAuthToken = null)
    {
        var providerId = id is { } given ? Domain.Common.ProviderId.From(given) : ProviderId;
        return TwilioProvider.Connect(
            providerId,
            organizationId ?? OrganizationId,
            name,
            AccountSid,
            protectedAuthToken ?? protector.Protect(TwilioSecrets.AuthToken, providerId.Value, authToken),
            region ?? TwilioRegion.Us1,
            supportsCallTransfer,
            new ProvisionedTrunk
            {
                TrunkSid = "TK0123456789abcdef0123456789abcdef",
                DomainName = "vp-0123456789abcdef.pstn.twilio.com",
                CredentialListSid = "CL0123456789abcdef0123456789abcdef",
                SipCredentialSid = "CR0123456789abcdef0123456789abcdef",
                SipUsername = "vpabcdefghij0123456789ab",
                SipPassword = protector.Protect(TwilioSecrets.SipPassword, providerId.Value, "Sip-Password-0123456789-abcdefghijklmn"),
                InboundRoutingKey = "k3x9q2m7v8b4n1c6z5l0p2r8",
                OriginationRevision = TestValues.OriginationRevision,
            },
            now ?? Start);
    }
}
