using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Provisioning;

/// <summary>What a connect builds for inbound calls: the secure flag, the routing key and one origination URL per setting.</summary>
public sealed class TwilioTrunkProvisionerOriginationTests
{
    private static readonly TwilioCredentials Credentials = new(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));
    private static readonly ProviderId ProviderId = ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"));

    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly OriginationPlan _plan;
    private readonly TwilioTrunkProvisioner _provisioner;

    public TwilioTrunkProvisionerOriginationTests()
    {
        var options = new SipOriginationOptions();
        options.Uris.Add(new OriginationUriSetting { Uri = "sip:{routingKey}.in1.voice.example.com:5061", Priority = 10, Weight = 10 });
        options.Uris.Add(new OriginationUriSetting { Uri = "sip:{routingKey}.in2.voice.example.com:5061", Priority = 20, Weight = 5 });
        _plan = new OriginationPlan(Options.Create(options), _time);
        _provisioner = new TwilioTrunkProvisioner(
            _twilio,
            new FakeSecretProtector(),
            new FakeTwilioCleanupQueue(),
            new FakeProvisioningIntents(_time),
            _plan,
            TestValues.OriginationSync(_twilio),
            Options.Create(new TwilioResourceCleanupOptions()),
            _time,
            new FakeLogger<TwilioTrunkProvisioner>());
    }

    private async Task<ProvisionedTrunk> ProvisionAsync(bool secure = false, ProviderId? providerId = null)
    {
        var intent = await _provisioner.PlanAsync(Credentials, TestValues.OrganizationId, providerId ?? ProviderId, CancellationToken.None);
        return await _provisioner.ProvisionAsync(Credentials, intent, transferEnabled: false, secure, CancellationToken.None);
    }

    private List<TwilioOriginationUrl> UrlsOn(string trunkSid) => [.. _twilio.OriginationUrls.Where(o => o.TrunkSid == trunkSid).Select(o => o.Url)];

    [Fact]
    public async Task ProvisionAsync_Should_create_one_origination_url_per_setting_on_the_new_trunk_after_associating_the_credential_list()
    {
        var trunk = await ProvisionAsync();

        _twilio.Operations.Should().Equal(
            GatewayOperation.CreateTrunk,
            GatewayOperation.CreateCredentialList,
            GatewayOperation.CreateSipCredential,
            GatewayOperation.AssociateCredentialList,
            GatewayOperation.CreateOriginationUrl,
            GatewayOperation.CreateOriginationUrl);
        _twilio.CallsTo(GatewayOperation.CreateOriginationUrl).Should().AllSatisfy(c => c.Argument<string>(0).Should().Be(trunk.TrunkSid));
        _twilio.CallsTo(GatewayOperation.CreateOriginationUrl).Select(c => c.Argument<TwilioOriginationUrlSpec>(1))
            .Should().Equal(_plan.DesiredFor(trunk.InboundRoutingKey, secure: false));
    }

    [Fact]
    public async Task ProvisionAsync_Should_return_the_created_urls_the_routing_key_they_carry_and_the_settings_revision()
    {
        var trunk = await ProvisionAsync();

        InboundRoutingKey.IsWellFormed(trunk.InboundRoutingKey).Should().BeTrue();
        trunk.OriginationUrls.Should().Equal(UrlsOn(trunk.TrunkSid).Select(u => new OriginationUrl(u.Sid, u.FriendlyName, u.SipUrl, u.Priority, u.Weight, u.Enabled)));
        trunk.OriginationUrls.Select(u => u.SipUrl).Should().Equal(
            $"sip:{trunk.InboundRoutingKey}.in1.voice.example.com:5061",
            $"sip:{trunk.InboundRoutingKey}.in2.voice.example.com:5061");
        trunk.OriginationRevision.Should().Be(_plan.RevisionFor(secure: false));
        trunk.Secure.Should().BeFalse();
    }

    [Fact]
    public async Task ProvisionAsync_Should_give_every_trunk_its_own_routing_key()
    {
        var first = await ProvisionAsync();
        var second = await ProvisionAsync(providerId: ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-0000000000f2")));

        second.InboundRoutingKey.Should().NotBe(first.InboundRoutingKey);
    }

    [Fact]
    public async Task ProvisionAsync_Should_create_a_secure_trunk_whose_origination_urls_use_tls_When_asked_to()
    {
        var trunk = await ProvisionAsync(secure: true);

        _twilio.CallsTo(GatewayOperation.CreateTrunk).Single().Argument<CreateTwilioTrunkRequest>(0).Secure.Should().BeTrue();
        _twilio.SecureTrunks.Should().Equal(trunk.TrunkSid);
        trunk.Secure.Should().BeTrue();
        trunk.OriginationUrls.Should().HaveCount(2).And.AllSatisfy(u => u.SipUrl.Should().EndWith(":5061;transport=tls"));
        trunk.OriginationRevision.Should().Be(_plan.RevisionFor(secure: true)).And.NotBe(_plan.RevisionFor(secure: false));
    }

    [Fact]
    public async Task ProvisionAsync_Should_create_a_trunk_that_is_not_secure_When_not_asked_to()
    {
        await ProvisionAsync();

        _twilio.CallsTo(GatewayOperation.CreateTrunk).Single().Argument<CreateTwilioTrunkRequest>(0).Secure.Should().BeFalse();
        _twilio.SecureTrunks.Should().BeEmpty();
    }

    [Fact]
    public async Task ProvisionAsync_Should_delete_the_credential_list_and_the_trunk_with_its_urls_When_an_origination_url_cannot_be_created()
    {
        var failure = new TwilioRequestRejectedException("Invalid SIP URL.", 21609, 400);
        _twilio.FailOn(GatewayOperation.CreateOriginationUrl, failure, callNumber: 2);

        var act = () => ProvisionAsync();

        (await act.Should().ThrowAsync<TwilioRequestRejectedException>()).Which.Should().BeSameAs(failure);
        _twilio.Operations.TakeLast(2).Should().Equal(GatewayOperation.DeleteCredentialList, GatewayOperation.DeleteTrunk);
        _twilio.Trunks.Should().BeEmpty();
        _twilio.CredentialLists.Should().BeEmpty();
        _twilio.OriginationUrls.Should().BeEmpty("deleting the trunk deletes its origination URLs");
    }
}
