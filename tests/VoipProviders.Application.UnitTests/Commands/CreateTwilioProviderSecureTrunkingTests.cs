using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Application.UnitTests.Fakes;

namespace VoipProviders.Application.UnitTests.Commands;

/// <summary><see cref="CreateTwilioProviderCommandHandler"/>: the secure flag and the origination URLs a connect stores.</summary>
public sealed class CreateTwilioProviderSecureTrunkingTests
{
    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly CreateTwilioProviderCommandHandler _handler;

    public CreateTwilioProviderSecureTrunkingTests()
    {
        var protector = new FakeSecretProtector();
        var intents = new FakeProvisioningIntents(_time);
        var provisioner = new TwilioTrunkProvisioner(
            _twilio,
            protector,
            new FakeTwilioCleanupQueue(),
            intents,
            TestValues.Origination(_time),
            TestValues.OriginationSync(_twilio),
            Options.Create(new TwilioResourceCleanupOptions()),
            _time,
            new FakeLogger<TwilioTrunkProvisioner>());
        _handler = new CreateTwilioProviderCommandHandler(
            new FakeOrganizationProviderSettingsRepository(),
            _providers,
            new FakeConnectClaims(),
            _twilio,
            provisioner,
            intents,
            protector,
            new FakeUnitOfWork(),
            new VerificationAfterChange(new FakeBackgroundJobQueue(), Options.Create(new VerificationOptions())),
            new ProviderChanges(new RecordingEventOutbox(), new RecordingAuditTrail()),
            new FixedFingerprint(),
            TestValues.Mappings(),
            _time);
    }

    private async Task<TwilioProviderResponse> HandleAsync(bool? secureTrunking, string? region = null) =>
        await _handler.Handle(
            new CreateTwilioProviderCommand(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken), Region: region, SecureTrunking: secureTrunking),
            CancellationToken.None);

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task Handle_Should_connect_without_secure_trunking_When_it_is_not_asked_for(bool? secureTrunking)
    {
        var response = await HandleAsync(secureTrunking);

        _twilio.CallsTo(GatewayOperation.CreateTrunk).Single().Argument<CreateTwilioTrunkRequest>(0).Secure.Should().BeFalse();
        response.SecureTrunking.Should().BeFalse();
        response.TerminationUri.Should().MatchRegex(@"^sip:vp-[a-f0-9]+\.pstn\.ashburn\.twilio\.com$");
        response.OriginationUris.Should().ContainSingle().Which.SipUrl.Should().Be($"sip:{response.InboundRoutingKey}.in1.voice.example.com:5061;transport=tls");
    }

    [Fact]
    public async Task Handle_Should_connect_a_secure_trunk_with_a_tls_termination_uri_When_asked_to()
    {
        var response = await HandleAsync(secureTrunking: true, region: "ie1");

        _twilio.CallsTo(GatewayOperation.CreateTrunk).Single().Argument<CreateTwilioTrunkRequest>(0).Secure.Should().BeTrue();
        response.SecureTrunking.Should().BeTrue();
        response.TerminationUri.Should().MatchRegex(@"^sip:vp-[a-f0-9]+\.pstn\.dublin\.twilio\.com:5061;transport=tls$");
        var provider = _providers.Added.Should().ContainSingle().Subject;
        provider.SecureTrunking.Should().BeTrue();
        provider.OriginationRevision.Should().Be(TestValues.Origination().RevisionFor(secure: true));
    }

    [Fact]
    public async Task Handle_Should_store_the_origination_urls_created_on_the_trunk_and_answer_them()
    {
        var response = await HandleAsync(secureTrunking: false);

        var created = _twilio.OriginationUrls.Should().ContainSingle().Subject;
        var provider = _providers.Added.Should().ContainSingle().Subject;
        created.TrunkSid.Should().Be(provider.TrunkSid);
        provider.OriginationUrls.Should().ContainSingle().Which.Sid.Should().Be(created.Url.Sid);
        provider.InboundRoutingKey.Should().Be(response.InboundRoutingKey);
        created.Url.SipUrl.Should().Contain(provider.InboundRoutingKey);
        response.OriginationUris.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            created.Url.Sid,
            created.Url.SipUrl,
            Priority = 10,
            Weight = 10,
            Enabled = true,
        });
    }
}
