using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Origination;

public sealed class OriginationSyncTests
{
    private const string TrunkSid = TestValues.TrunkSid;
    private const string RoutingKey = "k3x9q2m7v8b4n1c6z5l0p2r8";
    private const string TenantSid = "OUfeedfeedfeedfeedfeedfeedfeedfeed";

    private static readonly TwilioCredentials Credentials = new(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));

    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeLogger<OriginationSync> _logger = new();
    private readonly OriginationSync _sync;
    private readonly IReadOnlyList<TwilioOriginationUrlSpec> _desired;

    public OriginationSyncTests()
    {
        _twilio.Trunks[TrunkSid] = "vp-0123456789abcdef.pstn.twilio.com";
        _sync = new OriginationSync(_twilio, _logger);
        var options = new SipOriginationOptions();
        options.Uris.Add(new OriginationUriSetting { Uri = "sip:{routingKey}.in1.voice.example.com:5061;transport=tls", Priority = 10, Weight = 10 });
        options.Uris.Add(new OriginationUriSetting { Uri = "sip:{routingKey}.in2.voice.example.com:5061;transport=tls", Priority = 20, Weight = 10 });
        _desired = new OriginationPlan(Options.Create(options), new FakeTimeProvider(TestValues.Start)).DesiredFor(RoutingKey, secure: false);
    }

    /// <summary>The SID of a URL already on the trunk (never one the fake hands out when creating).</summary>
    private static string Sid(int n) => "OUa" + n.ToString("x31", System.Globalization.CultureInfo.InvariantCulture);

    private TwilioOriginationUrl OnTrunk(string sid, TwilioOriginationUrlSpec spec) => OnTrunk(
        new TwilioOriginationUrl(sid, spec.FriendlyName, spec.SipUrl, spec.Priority, spec.Weight, spec.Enabled));

    private TwilioOriginationUrl OnTrunk(TwilioOriginationUrl url)
    {
        _twilio.OriginationUrls.Add((TrunkSid, url));
        return url;
    }

    private static OriginationUrl Stored(TwilioOriginationUrl url) => new(url.Sid, url.FriendlyName, url.SipUrl, url.Priority, url.Weight, url.Enabled);

    private static OriginationUrl Stored(string sid, TwilioOriginationUrlSpec spec) => new(sid, spec.FriendlyName, spec.SipUrl, spec.Priority, spec.Weight, spec.Enabled);

    private static OriginationUrl Expected(string sid, TwilioOriginationUrlSpec spec) => Stored(sid, spec);

    private Task<IReadOnlyList<OriginationUrl>?> SyncAsync(IReadOnlyList<OriginationUrl>? stored = null) =>
        _sync.SyncAsync(Credentials, TrunkSid, _desired, stored ?? [], CancellationToken.None);

    private IEnumerable<string> Writes() => _twilio.Operations.Where(o => o != GatewayOperation.ListOriginationUrls);

    private List<TwilioOriginationUrl> UrlsOnTrunk() => [.. _twilio.OriginationUrls.Where(o => o.TrunkSid == TrunkSid).Select(o => o.Url)];

    [Fact]
    public async Task SyncAsync_Should_create_every_desired_url_in_order_When_the_trunk_has_none()
    {
        var result = await SyncAsync();

        _twilio.Operations.Should().Equal(GatewayOperation.ListOriginationUrls, GatewayOperation.CreateOriginationUrl, GatewayOperation.CreateOriginationUrl);
        _twilio.CallsTo(GatewayOperation.CreateOriginationUrl).Select(c => c.Arguments).Should().BeEquivalentTo(
            [new object[] { TrunkSid, _desired[0] }, [TrunkSid, _desired[1]]], options => options.WithStrictOrdering());
        _twilio.Calls.Should().AllSatisfy(c => c.Credentials.Should().Be(Credentials));
        var onTrunk = UrlsOnTrunk();
        result.Should().Equal(Expected(onTrunk[0].Sid, _desired[0]), Expected(onTrunk[1].Sid, _desired[1]));
    }

    [Fact]
    public async Task SyncAsync_Should_create_only_what_is_missing()
    {
        var first = OnTrunk(Sid(1), _desired[0]);

        var result = await SyncAsync([Stored(first)]);

        Writes().Should().Equal(GatewayOperation.CreateOriginationUrl);
        _twilio.CallsTo(GatewayOperation.CreateOriginationUrl).Single().Arguments.Should().Equal(TrunkSid, _desired[1]);
        var created = UrlsOnTrunk().Should().HaveCount(2).And.ContainSingle(u => u.Sid != first.Sid).Subject;
        result.Should().Equal(Stored(first), Expected(created.Sid, _desired[1]));
    }

    [Fact]
    public async Task SyncAsync_Should_write_nothing_When_the_trunk_is_in_line()
    {
        var urls = new[] { OnTrunk(Sid(1), _desired[0]), OnTrunk(Sid(2), _desired[1]) };

        var result = await SyncAsync([.. urls.Select(Stored)]);

        _twilio.Operations.Should().Equal(GatewayOperation.ListOriginationUrls);
        result.Should().Equal(urls.Select(Stored));
        _logger.Collector.Count.Should().Be(0, "nothing changed, so nothing is logged");
    }

    [Theory]
    [InlineData("sipUrl")]
    [InlineData("priority")]
    [InlineData("weight")]
    [InlineData("enabled")]
    public async Task SyncAsync_Should_update_a_url_of_ours_that_differs_with_every_field_of_the_desired_one(string field)
    {
        var spec = _desired[0];
        var changed = field switch
        {
            "sipUrl" => spec with { SipUrl = "sip:old-ingress.example.com" },
            "priority" => spec with { Priority = 1 },
            "weight" => spec with { Weight = 99 },
            _ => spec with { Enabled = false },
        };
        var first = OnTrunk(Sid(1), changed);
        var second = OnTrunk(Sid(2), _desired[1]);

        var result = await SyncAsync([Stored(first), Stored(second)]);

        Writes().Should().Equal(GatewayOperation.UpdateOriginationUrl);
        _twilio.CallsTo(GatewayOperation.UpdateOriginationUrl).Single().Arguments.Should().Equal(TrunkSid, Sid(1), spec);
        UrlsOnTrunk().Should().Equal(
            new TwilioOriginationUrl(Sid(1), spec.FriendlyName, spec.SipUrl, spec.Priority, spec.Weight, spec.Enabled),
            second);
        result.Should().Equal(Expected(Sid(1), spec), Stored(second));
        _logger.LatestRecord.Message.Should().Contain(TrunkSid).And.Contain("1 changes");
    }

    [Fact]
    public async Task SyncAsync_Should_delete_the_urls_of_ours_the_settings_no_longer_want()
    {
        var first = OnTrunk(Sid(1), _desired[0]);
        var second = OnTrunk(Sid(2), _desired[1]);
        var third = OnTrunk(Sid(3), _desired[1] with { FriendlyName = "VoipProviders origination 3", SipUrl = "sip:retired.example.com" });

        var result = await _sync.SyncAsync(Credentials, TrunkSid, [_desired[0]], [Stored(first), Stored(second), Stored(third)], CancellationToken.None);

        Writes().Should().Equal(GatewayOperation.DeleteOriginationUrl, GatewayOperation.DeleteOriginationUrl);
        _twilio.CallsTo(GatewayOperation.DeleteOriginationUrl).Select(c => c.Argument<string>(1)).Should().BeEquivalentTo([Sid(2), Sid(3)]);
        _twilio.CallsTo(GatewayOperation.DeleteOriginationUrl).Should().AllSatisfy(c => c.Argument<string>(0).Should().Be(TrunkSid));
        UrlsOnTrunk().Should().Equal(first);
        result.Should().Equal(Stored(first));
    }

    [Fact]
    public async Task SyncAsync_Should_delete_a_url_carrying_our_name_that_no_setting_wants_even_if_its_sid_was_never_stored()
    {
        var first = OnTrunk(Sid(1), _desired[0]);
        var second = OnTrunk(Sid(2), _desired[1]);
        OnTrunk(Sid(3), _desired[1] with { FriendlyName = "VoipProviders origination 7" });

        await SyncAsync([Stored(first), Stored(second)]);

        Writes().Should().Equal(GatewayOperation.DeleteOriginationUrl);
        _twilio.CallsTo(GatewayOperation.DeleteOriginationUrl).Single().Arguments.Should().Equal(TrunkSid, Sid(3));
        UrlsOnTrunk().Should().Equal(first, second);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(30)]
    public async Task SyncAsync_Should_never_touch_a_url_the_tenant_added_whatever_its_priority(int priority)
    {
        var tenant = OnTrunk(new TwilioOriginationUrl(TenantSid, "Tenant backup PBX", "sip:pbx.tenant.example.com", priority, 10, Enabled: true));
        var first = OnTrunk(Sid(1), _desired[0] with { Weight = 1 });

        var result = await SyncAsync([Stored(first)]);

        _twilio.Calls.Where(c => c.Operation != GatewayOperation.ListOriginationUrls)
            .Should().NotContain(c => c.Arguments.Contains(TenantSid), "the tenant's own URL is neither updated nor deleted");
        Writes().Should().Equal(GatewayOperation.UpdateOriginationUrl, GatewayOperation.CreateOriginationUrl);
        UrlsOnTrunk().Should().Contain(tenant);
        result!.Select(u => u.Sid).Should().NotContain(TenantSid);
        result.Should().HaveCount(2);
    }

    [Fact]
    public async Task SyncAsync_Should_leave_a_tenant_url_alone_even_when_it_points_where_ours_should()
    {
        // Same SIP URL as a desired one, but not ours by SID or name: ours is still created beside it.
        var tenant = OnTrunk(new TwilioOriginationUrl(TenantSid, "My copy", _desired[0].SipUrl, 10, 10, Enabled: true));

        var result = await SyncAsync();

        Writes().Should().Equal(GatewayOperation.CreateOriginationUrl, GatewayOperation.CreateOriginationUrl);
        UrlsOnTrunk().Should().HaveCount(3).And.Contain(tenant);
        result!.Select(u => u.Sid).Should().NotContain(TenantSid);
    }

    [Fact]
    public async Task SyncAsync_Should_adopt_a_url_carrying_our_name_whose_sid_was_never_stored_instead_of_creating_it_again()
    {
        // An earlier attempt created it, but its answer was lost: the provider never stored the SID.
        var lost = OnTrunk(Sid(1), _desired[0]);
        var second = OnTrunk(Sid(2), _desired[1]);

        var result = await SyncAsync([Stored(second)]);

        _twilio.Operations.Should().Equal(GatewayOperation.ListOriginationUrls);
        UrlsOnTrunk().Should().Equal(lost, second);
        result.Should().Equal(Stored(lost), Stored(second));
    }

    [Fact]
    public async Task SyncAsync_Should_adopt_and_update_a_url_carrying_our_name_that_differs()
    {
        var lost = OnTrunk(Sid(1), _desired[0] with { SipUrl = "sip:old.example.com" });

        var result = await SyncAsync();

        Writes().Should().Equal(GatewayOperation.UpdateOriginationUrl, GatewayOperation.CreateOriginationUrl);
        _twilio.CallsTo(GatewayOperation.UpdateOriginationUrl).Single().Arguments.Should().Equal(TrunkSid, lost.Sid, _desired[0]);
        result![0].Should().Be(Expected(lost.Sid, _desired[0]));
    }

    [Fact]
    public async Task SyncAsync_Should_keep_a_stored_url_the_tenant_renamed_and_bring_its_name_back()
    {
        var renamed = OnTrunk(new TwilioOriginationUrl(Sid(1), "Renamed in the Console", _desired[0].SipUrl, 10, 10, Enabled: true));

        var result = await SyncAsync([Stored(Sid(1), _desired[0])]);

        _twilio.CallsTo(GatewayOperation.UpdateOriginationUrl).Should().ContainSingle()
            .Which.Arguments.Should().Equal(TrunkSid, renamed.Sid, _desired[0]);
        _twilio.CallsTo(GatewayOperation.DeleteOriginationUrl).Should().BeEmpty();
        result![0].Should().Be(Expected(Sid(1), _desired[0]));
    }

    [Fact]
    public async Task SyncAsync_Should_return_null_and_write_nothing_When_the_trunk_is_gone()
    {
        _twilio.Trunks.Clear();

        var result = await SyncAsync([Stored(Sid(1), _desired[0])]);

        result.Should().BeNull();
        _twilio.Operations.Should().Equal(GatewayOperation.ListOriginationUrls);
    }

    [Fact]
    public async Task SyncAsync_Should_propagate_a_failed_write_unchanged()
    {
        var unavailable = new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503);
        _twilio.FailOn(GatewayOperation.CreateOriginationUrl, unavailable, callNumber: 2);

        var act = () => SyncAsync();

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(unavailable);
        UrlsOnTrunk().Should().ContainSingle("the first create went through before the second failed");
    }

    [Fact]
    public async Task SyncAsync_Should_be_safe_to_repeat_after_a_create_whose_answer_was_lost()
    {
        _twilio.FailOn(GatewayOperation.CreateOriginationUrl, new TwilioUnavailableException("Timed out.", outcomeUnknown: true), afterEffect: true);
        var first = () => SyncAsync();
        await first.Should().ThrowAsync<TwilioUnavailableException>();

        var result = await SyncAsync();

        UrlsOnTrunk().Should().HaveCount(2, "the URL the lost answer created is adopted, not created twice");
        result.Should().Equal(UrlsOnTrunk().Select(Stored));
        result!.Select(u => u.FriendlyName).Should().Equal(_desired.Select(d => d.FriendlyName));
    }

    [Fact]
    public async Task CreateAllAsync_Should_create_each_desired_url_without_listing_the_trunk()
    {
        var created = await _sync.CreateAllAsync(Credentials, TrunkSid, _desired, CancellationToken.None);

        _twilio.Operations.Should().Equal(GatewayOperation.CreateOriginationUrl, GatewayOperation.CreateOriginationUrl);
        created.Should().Equal(UrlsOnTrunk().Select(Stored));
        created.Select(u => u.SipUrl).Should().Equal(_desired.Select(d => d.SipUrl));
    }
}
