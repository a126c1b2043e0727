using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Origination;

namespace VoipProviders.Application.UnitTests.Origination;

public sealed class OriginationPlanTests
{
    private const string RoutingKey = "k3x9q2m7v8b4n1c6z5l0p2r8";

    private static OriginationPlan Plan(params (string Uri, int Priority, int Weight)[] settings)
    {
        var options = new SipOriginationOptions();
        foreach (var (uri, priority, weight) in settings)
        {
            options.Uris.Add(new OriginationUriSetting { Uri = uri, Priority = priority, Weight = weight });
        }

        return new OriginationPlan(Options.Create(options), new FakeTimeProvider(TestValues.Start));
    }

    private static readonly (string Uri, int Priority, int Weight)[] TwoIngresses =
    [
        ("sip:{routingKey}.in1.voice.example.com:5061;transport=tls", 10, 20),
        ("sip:ingress.in2.voice.example.com;key={routingKey}", 20, 5),
    ];

    [Fact]
    public void DesiredFor_Should_give_one_enabled_url_per_setting_in_order_with_the_routing_key_in_place_and_numbered_names()
    {
        var desired = Plan(TwoIngresses).DesiredFor(RoutingKey, secure: false);

        desired.Should().Equal(
            new TwilioOriginationUrlSpec("VoipProviders origination 1", $"sip:{RoutingKey}.in1.voice.example.com:5061;transport=tls", 10, 20, Enabled: true),
            new TwilioOriginationUrlSpec("VoipProviders origination 2", $"sip:ingress.in2.voice.example.com;key={RoutingKey}", 20, 5, Enabled: true));
    }

    [Fact]
    public void DesiredFor_Should_give_each_provider_its_own_routing_key()
    {
        var plan = Plan(TwoIngresses);

        var first = plan.DesiredFor(RoutingKey, secure: false);
        var second = plan.DesiredFor("aaaaaaaaaabbbbbbbbbbcccc", secure: false);

        second[0].SipUrl.Should().Be("sip:aaaaaaaaaabbbbbbbbbbcccc.in1.voice.example.com:5061;transport=tls");
        second.Select(s => s.SipUrl).Should().NotIntersectWith(first.Select(s => s.SipUrl));
    }

    [Fact]
    public void DesiredFor_Should_name_the_urls_so_the_plan_recognises_them_as_its_own()
    {
        var desired = Plan(TwoIngresses).DesiredFor(RoutingKey, secure: false);

        desired.Should().AllSatisfy(spec =>
        {
            spec.FriendlyName.Should().StartWith(OriginationPlan.FriendlyNamePrefix);
            OriginationPlan.IsOurs(new TwilioOriginationUrl("OU" + new string('1', 32), spec.FriendlyName, spec.SipUrl, 1, 1, true), new HashSet<string>())
                .Should().BeTrue();
        });
    }

    [Theory]
    [InlineData("sip:{routingKey}.in1.voice.example.com", "sip:KEY.in1.voice.example.com;transport=tls")]
    [InlineData("sip:{routingKey}.in1.voice.example.com:5061", "sip:KEY.in1.voice.example.com:5061;transport=tls")]
    [InlineData("sip:{routingKey}.in1.voice.example.com:5061;transport=tls", "sip:KEY.in1.voice.example.com:5061;transport=tls")]
    [InlineData("sip:{routingKey}.in1.voice.example.com:5060;transport=udp", "sip:KEY.in1.voice.example.com:5060;transport=tls")]
    [InlineData("sip:{routingKey}.in1.voice.example.com;Transport=TCP", "sip:KEY.in1.voice.example.com;transport=tls")]
    [InlineData("sip:{routingKey}.in1.voice.example.com;transport=udp;lr", "sip:KEY.in1.voice.example.com;lr;transport=tls")]
    public void DesiredFor_Should_ask_for_tls_transport_exactly_once_on_a_secure_trunk(string setting, string expected)
    {
        var desired = Plan((setting, 10, 10)).DesiredFor(RoutingKey, secure: true);

        desired.Should().ContainSingle().Which.SipUrl.Should().Be(expected.Replace("KEY", RoutingKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sip:{routingKey}.in1.voice.example.com")]
    [InlineData("sip:{routingKey}.in1.voice.example.com:5060;transport=udp")]
    [InlineData("sip:{routingKey}.in1.voice.example.com:5061;transport=tls")]
    public void DesiredFor_Should_keep_the_setting_as_written_on_a_trunk_that_is_not_secure(string setting)
    {
        var desired = Plan((setting, 10, 10)).DesiredFor(RoutingKey, secure: false);

        desired.Should().ContainSingle().Which.SipUrl.Should().Be(setting.Replace("{routingKey}", RoutingKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void DesiredFor_Should_refuse_a_blank_routing_key(string routingKey)
    {
        var act = () => Plan(TwoIngresses).DesiredFor(routingKey, secure: false);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Revision_Should_be_the_same_for_the_same_settings_whenever_a_replica_starts()
    {
        var options = new SipOriginationOptions();
        options.Uris.Add(new OriginationUriSetting { Uri = TwoIngresses[0].Uri, Priority = 10, Weight = 20 });

        var early = new OriginationPlan(Options.Create(options), new FakeTimeProvider(TestValues.Start));
        var late = new OriginationPlan(Options.Create(options), new FakeTimeProvider(TestValues.Start.AddDays(9)));

        late.Revision.Should().Be(early.Revision).And.MatchRegex("^[0-9a-f]{16}$");
        late.StartedAt.Should().Be(TestValues.Start.AddDays(9));
    }

    public static TheoryData<string, (string Uri, int Priority, int Weight)[]> ChangedSettings() => new()
    {
        { "another uri", [("sip:{routingKey}.in9.voice.example.com:5061;transport=tls", 10, 20), TwoIngresses[1]] },
        { "another priority", [(TwoIngresses[0].Uri, 11, 20), TwoIngresses[1]] },
        { "another weight", [(TwoIngresses[0].Uri, 10, 21), TwoIngresses[1]] },
        { "another order", [TwoIngresses[1], TwoIngresses[0]] },
        { "one setting fewer", [TwoIngresses[0]] },
        { "one setting more", [.. TwoIngresses, ("sip:{routingKey}.in3.voice.example.com", 30, 10)] },
    };

    [Theory]
    [MemberData(nameof(ChangedSettings))]
    public void Revision_Should_change_When_any_setting_changes(string change, (string Uri, int Priority, int Weight)[] settings)
    {
        var before = Plan(TwoIngresses);

        var after = Plan(settings);

        after.Revision.Should().NotBe(before.Revision, change);
        after.RevisionFor(secure: true).Should().NotBe(before.RevisionFor(secure: true), change);
    }

    [Fact]
    public void RevisionFor_Should_tell_a_secure_trunk_from_one_that_is_not()
    {
        var plan = Plan(TwoIngresses);

        plan.RevisionFor(secure: false).Should().Be(plan.Revision);
        plan.RevisionFor(secure: true).Should().NotBe(plan.RevisionFor(secure: false));
        Plan(TwoIngresses).RevisionFor(secure: true).Should().Be(plan.RevisionFor(secure: true));
    }

    [Fact]
    public void IsOurs_Should_recognise_a_stored_sid_or_our_name_and_nothing_else()
    {
        const string StoredSid = "OU00000000000000000000000000000001";
        var ours = new HashSet<string>(StringComparer.Ordinal) { StoredSid };

        OriginationPlan.IsOurs(new TwilioOriginationUrl(StoredSid, "renamed in the Console", "sip:x.example.com", 10, 10, true), ours).Should().BeTrue();
        OriginationPlan.IsOurs(new TwilioOriginationUrl("OU00000000000000000000000000000002", "VoipProviders origination 3", "sip:x.example.com", 10, 10, true), ours).Should().BeTrue();
        OriginationPlan.IsOurs(new TwilioOriginationUrl("OU00000000000000000000000000000003", "Tenant backup PBX", "sip:pbx.tenant.example", 1, 10, true), ours).Should().BeFalse();
        OriginationPlan.IsOurs(new TwilioOriginationUrl("OU00000000000000000000000000000004", "voipproviders origination 1", "sip:pbx.tenant.example", 1, 10, true), ours).Should().BeFalse();
    }
}
