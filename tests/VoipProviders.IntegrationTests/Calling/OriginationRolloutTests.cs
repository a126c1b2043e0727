using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.IntegrationTests.Persistence;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Calling;

/// <summary>
/// Issue 18 §1: when <c>Sip:Origination:Uris</c> change, the rollout brings every existing trunk in line — create what is
/// missing, update what changed, delete what the module no longer wants — exactly once per trunk across replicas,
/// never touching the tenant's own URLs, never undone by a replica with older settings, and resuming after a crash
/// without a duplicate. The replicas here run no background jobs: each pass is run by hand, so the test decides when.
/// </summary>
public sealed class OriginationRolloutTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string In1 = "sip:{routingKey}.in1.voice.example.com:5061;transport=tls";
    private const string In2 = "sip:{routingKey}.in2.voice.example.com:5061;transport=tls";

    /// <summary>Rollout on, no background jobs (passes run by hand), one trunk at a time so two replicas interleave.</summary>
    private static readonly Dictionary<string, string> RolloutByHand = new()
    {
        ["Sip:Origination:RolloutEnabled"] = "true",
        ["Sip:Origination:RolloutConcurrency"] = "1",
        ["BackgroundJobs:Enabled"] = "false",
    };

    private static readonly (string Uri, int Priority, int Weight)[] SharedIngress = [(In1, 10, 10)];

    private static readonly (string Uri, int Priority, int Weight)[] TwoIngresses = [(In1, 10, 10), (In2, 20, 10)];

    [Fact]
    public async Task Two_replicas_add_a_new_ingress_to_every_trunk_exactly_once_and_leave_the_tenants_urls_alone()
    {
        var providers = new List<Connected>();
        for (var i = 0; i < 3; i++)
        {
            providers.Add(await ConnectProviderAsync());
        }

        var tenantUrls = new Dictionary<string, EmulatedOriginationUrl>();
        foreach (var provider in providers)
        {
            var sid = await AddTenantUrlAsync(provider, priority: 50);
            tenantUrls[provider.Account.Sid] = Twilio.TrunkOf(provider.Account).OriginationUrls.Single(u => u.Sid == sid);
        }

        var revisionsBefore = await RevisionsAsync(providers);
        await using var first = await StartReplicaAsync(TwoIngresses);
        await using var second = await StartReplicaAsync(TwoIngresses);
        Twilio.ClearRequests();
        // Each replica's first listing waits for the other's: both are at work at the same time.
        Twilio.SetBarrier(TwilioOperation.ListOriginationUrls, 2, BarrierTimeout);

        var results = await Task.WhenAll(first.RunOriginationRolloutAsync(), second.RunOriginationRolloutAsync());

        results.Should().AllSatisfy(r => r.Failed.Should().Be(0));
        var creates = Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl);
        creates.Should().HaveCount(providers.Count, "one new URL per trunk, however many replicas roll it out");
        foreach (var provider in providers)
        {
            var trunk = Twilio.TrunkOf(provider.Account);
            var create = creates.Should().ContainSingle(r => r.Path == $"/v1/Trunks/{trunk.Sid}/OriginationUrls", "no duplicate on any trunk").Subject;
            create.AuthUser.Should().Be(provider.Account.Sid);
            create.Form["FriendlyName"].Should().Be("VoipProviders origination 2");
            create.Form["SipUrl"].Should().Be(Ingress(In2, provider.RoutingKey));
            create.Form["Priority"].Should().Be("20");
            create.Form["Weight"].Should().Be("10");
            create.FormBool("Enabled").Should().BeTrue();

            var ours = trunk.Ours();
            ours.Select(u => (u.FriendlyName, u.SipUrl, u.Priority, u.Weight, u.Enabled)).Should().Equal(
                ("VoipProviders origination 1", Ingress(In1, provider.RoutingKey), 10, 10, true),
                ("VoipProviders origination 2", Ingress(In2, provider.RoutingKey), 20, 10, true));
            ours[0].Sid.Should().Be(provider.OriginationSid, "the unchanged URL is kept, not replaced");
            trunk.OriginationUrls.Should().HaveCount(3);
            trunk.OriginationUrls.Single(u => u.Sid == tenantUrls[provider.Account.Sid].Sid).Should().Be(tenantUrls[provider.Account.Sid], "the tenant's URL is untouched");

            var shown = await OriginationUrisAsync(provider.Id);
            shown.Should().Equal(ours.Select(u => ((string?)u.Sid, (string?)u.SipUrl, u.Priority, u.Weight, u.Enabled)), "GET shows the provider's current URLs");
        }

        Twilio.RequestsFor(TwilioOperation.UpdateOriginationUrl).Should().BeEmpty("the in1 URL did not change");
        Twilio.RequestsFor(TwilioOperation.DeleteOriginationUrl).Should().BeEmpty();
        Twilio.Requests.Should().NotContain(r => tenantUrls.Values.Any(u => r.Path.Contains(u.Sid, StringComparison.Ordinal)));
        Twilio.RequestsFor(TwilioOperation.ListOriginationUrls).Should().HaveCount(providers.Count, "each trunk was brought in line by one replica only");
        first.Logs.GetSnapshot().Concat(second.Logs.GetSnapshot()).Count(r => r.Id.Id == 1801).Should().Be(providers.Count, "one 'brought in line' record per trunk");

        var revisionsAfter = await RevisionsAsync(providers);
        revisionsAfter.Distinct().Should().ContainSingle("every provider is at the new settings' revision");
        revisionsAfter[0].Should().NotBe(revisionsBefore[0]);
        foreach (var provider in providers)
        {
            (await Database.ColumnAsync(provider.Id, "origination_lease_until")).Should().BeNull("every lease was given back");
        }

        // A second pass on both finds nothing to do: not a single Twilio call.
        Twilio.ClearRequests();
        var again = await Task.WhenAll(first.RunOriginationRolloutAsync(), second.RunOriginationRolloutAsync());
        again.Should().AllSatisfy(r => r.Should().Be(new OriginationRolloutResult(0, 0)));
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_changed_setting_updates_our_url_in_place_and_nothing_else()
    {
        var provider = await ConnectProviderAsync();
        await using var replica = await StartReplicaAsync([(In1, 10, 5)]);
        Twilio.ClearRequests();

        var result = await replica.RunOriginationRolloutAsync();

        result.Should().Be(new OriginationRolloutResult(1, 0));
        var update = Twilio.RequestsFor(TwilioOperation.UpdateOriginationUrl).Should().ContainSingle().Subject;
        var trunk = Twilio.TrunkOf(provider.Account);
        update.Path.Should().Be($"/v1/Trunks/{trunk.Sid}/OriginationUrls/{provider.OriginationSid}");
        update.Form["Weight"].Should().Be("5");
        update.Form["Priority"].Should().Be("10");
        update.Form["SipUrl"].Should().Be(Ingress(In1, provider.RoutingKey));
        Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl).Should().BeEmpty();
        Twilio.RequestsFor(TwilioOperation.DeleteOriginationUrl).Should().BeEmpty();
        trunk.OriginationUrls.Should().ContainSingle().Which.Weight.Should().Be(5);
        (await OriginationUrisAsync(provider.Id)).Should().Equal((provider.OriginationSid, Ingress(In1, provider.RoutingKey), 10, 5, true));
    }

    [Fact]
    public async Task A_url_the_settings_no_longer_want_is_deleted_and_the_tenants_own_stay()
    {
        // Connected while the ingress had two URIs…
        Connected provider;
        await using (var before = await StartReplicaAsync(TwoIngresses))
        {
            provider = await ConnectProviderAsync(before);
        }

        var tenantSid = await AddTenantUrlAsync(provider, priority: 5);
        var trunkBefore = Twilio.TrunkOf(provider.Account);
        var unwanted = trunkBefore.Ours().Should().HaveCount(2).And.Subject.Last();
        var tenant = trunkBefore.OriginationUrls.Single(u => u.Sid == tenantSid);

        // …then the second URI was removed.
        await using var replica = await StartReplicaAsync(SharedIngress);
        Twilio.ClearRequests();
        var result = await replica.RunOriginationRolloutAsync();

        result.Should().Be(new OriginationRolloutResult(1, 0));
        Twilio.RequestsFor(TwilioOperation.DeleteOriginationUrl).Should().ContainSingle()
            .Which.Path.Should().Be($"/v1/Trunks/{trunkBefore.Sid}/OriginationUrls/{unwanted.Sid}");
        Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl).Should().BeEmpty();
        Twilio.RequestsFor(TwilioOperation.UpdateOriginationUrl).Should().BeEmpty();
        var trunk = Twilio.TrunkOf(provider.Account);
        trunk.OriginationUrls.Select(u => u.Sid).Should().BeEquivalentTo([provider.OriginationSid, tenantSid]);
        trunk.OriginationUrls.Single(u => u.Sid == tenantSid).Should().Be(tenant, "a tenant URL is never touched, even one that outranks ours");
        (await OriginationUrisAsync(provider.Id)).Select(u => u.Sid).Should().Equal(provider.OriginationSid);
    }

    [Fact]
    public async Task A_replica_still_running_older_settings_does_not_undo_the_rollout()
    {
        var providers = new List<Connected> { await ConnectProviderAsync(), await ConnectProviderAsync() };
        await using var older = await StartReplicaAsync(SharedIngress);
        older.TakeUpOriginationSettings();
        await Task.Delay(50);
        await using var newer = await StartReplicaAsync(TwoIngresses);
        newer.TakeUpOriginationSettings().StartedAt.Should().BeAfter(older.TakeUpOriginationSettings().StartedAt);

        (await newer.RunOriginationRolloutAsync()).Should().Be(new OriginationRolloutResult(2, 0));
        var rolledOut = providers.Select(p => Twilio.TrunkOf(p.Account)).ToList();
        rolledOut.Should().AllSatisfy(t => t.Ours().Should().HaveCount(2));
        var revisions = await RevisionsAsync(providers);
        Twilio.ClearRequests();

        var stale = await older.RunOriginationRolloutAsync();

        stale.Should().Be(new OriginationRolloutResult(0, 0));
        Twilio.Requests.Should().BeEmpty("a replica with older settings makes no Twilio call at all");
        for (var i = 0; i < providers.Count; i++)
        {
            Twilio.TrunkOf(providers[i].Account).OriginationUrls.Should().Equal(rolledOut[i].OriginationUrls);
        }

        (await RevisionsAsync(providers)).Should().Equal(revisions);
        older.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1804, "it says why it stood aside");
    }

    [Fact]
    public async Task Two_attempts_whose_leases_end_at_the_same_microsecond_never_both_hold_the_provider()
    {
        // Two replicas started together compute the same lease end more often than one would think; the holder is
        // named by its lease id, so the second is refused and only the holder's own repeated statement gets in.
        var provider = Provider((await ConnectProviderAsync()).Id);
        await using var scope = Fixture.Services.CreateAsyncScope();
        var rollouts = scope.ServiceProvider.GetRequiredService<IOriginationRollouts>();
        var now = DateTimeOffset.UtcNow;
        var until = now.AddMinutes(2);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        (await rollouts.TryLeaseAsync(provider, first, now, until, CancellationToken.None)).Should().BeTrue();
        (await rollouts.TryLeaseAsync(provider, second, now, until, CancellationToken.None)).Should().BeFalse("another attempt holds the lease");
        (await rollouts.TryLeaseAsync(provider, first, now, until, CancellationToken.None)).Should().BeTrue("the holder's statement sent again after a lost answer");

        await rollouts.ReleaseAsync(provider, second, CancellationToken.None);
        (await rollouts.TryLeaseAsync(provider, second, now, until, CancellationToken.None)).Should().BeFalse("a release by another attempt leaves the lease");

        await rollouts.ReleaseAsync(provider, first, CancellationToken.None);
        (await rollouts.TryLeaseAsync(provider, second, now, until, CancellationToken.None)).Should().BeTrue("the holder gave it back");
    }

    [Fact]
    public async Task A_rollout_that_died_after_creating_a_url_resumes_once_its_lease_expired_and_adopts_the_url()
    {
        var provider = await ConnectProviderAsync();
        await using var replica = await StartReplicaAsync(TwoIngresses);
        var trunkSid = Twilio.TrunkOf(provider.Account).Sid;

        // A replica takes the provider's lease and creates the new URL in Twilio, then dies before storing anything.
        var leaseUntil = DateTimeOffset.UtcNow.AddSeconds(4);
        await using (var scope = replica.Services.CreateAsyncScope())
        {
            var rollouts = scope.ServiceProvider.GetRequiredService<IOriginationRollouts>();
            (await rollouts.TryLeaseAsync(Provider(provider.Id), Guid.NewGuid(), DateTimeOffset.UtcNow, leaseUntil, CancellationToken.None)).Should().BeTrue();
            var spec = replica.TakeUpOriginationSettings().DesiredFor(provider.RoutingKey, secure: false)[1];
            var credentials = new TwilioCredentials(AccountSid.Parse(provider.Account.Sid), TwilioAuthToken.From(provider.Account.AuthToken));
            await scope.ServiceProvider.GetRequiredService<ITwilioGateway>().CreateOriginationUrlAsync(credentials, trunkSid, spec, CancellationToken.None);
        }

        var orphan = Twilio.TrunkOf(provider.Account).Ours().Should().HaveCount(2).And.Subject.Last();
        Twilio.ClearRequests();

        // While the dead replica's lease lasts, nobody touches the trunk.
        (await replica.RunOriginationRolloutAsync()).Should().Be(new OriginationRolloutResult(0, 0));
        Twilio.Requests.Should().BeEmpty("the lease is respected");

        var wait = leaseUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(250);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var resumed = await replica.RunOriginationRolloutAsync();

        resumed.Should().Be(new OriginationRolloutResult(1, 0));
        Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl).Should().BeEmpty("the URL created before the crash is adopted, not created again");
        Twilio.RequestsFor(TwilioOperation.UpdateOriginationUrl).Should().BeEmpty();
        Twilio.RequestsFor(TwilioOperation.DeleteOriginationUrl).Should().BeEmpty();
        var trunk = Twilio.TrunkOf(provider.Account);
        trunk.OriginationUrls.Select(u => u.Sid).Should().BeEquivalentTo([provider.OriginationSid, orphan.Sid]);
        (await OriginationUrisAsync(provider.Id)).Select(u => u.Sid).Should().Equal(provider.OriginationSid, orphan.Sid);
        (await Database.ColumnAsync(provider.Id, "origination_lease_until")).Should().BeNull();
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_adopted_on_the_next_pass_instead_of_created_twice()
    {
        var provider = await ConnectProviderAsync();
        await using var replica = await StartReplicaAsync(TwoIngresses);
        Twilio.ClearRequests();
        Twilio.EnqueueFaults(TwilioOperation.CreateOriginationUrl, EmulatedFault.AppliedThenFailed(500));

        var failed = await replica.RunOriginationRolloutAsync();

        failed.Should().Be(new OriginationRolloutResult(0, 1), "the pass could not tell whether the create worked");
        Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl).Should().ContainSingle("a create is never blindly retried");
        var created = Twilio.TrunkOf(provider.Account).Ours().Should().HaveCount(2).And.Subject.Last();
        (await OriginationUrisAsync(provider.Id)).Select(u => u.Sid).Should().Equal([provider.OriginationSid], "nothing was stored");
        (await Database.ColumnAsync(provider.Id, "origination_lease_until")).Should().BeNull("the failed attempt gave its lease back");
        Twilio.ClearRequests();

        var next = await replica.RunOriginationRolloutAsync();

        next.Should().Be(new OriginationRolloutResult(1, 0));
        Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl).Should().BeEmpty();
        Twilio.TrunkOf(provider.Account).Ours().Select(u => u.Sid).Should().Equal(provider.OriginationSid, created.Sid);
        (await OriginationUrisAsync(provider.Id)).Select(u => u.Sid).Should().Equal(provider.OriginationSid, created.Sid);
    }

    private static string Ingress(string template, string routingKey) => template.Replace("{routingKey}", routingKey, StringComparison.Ordinal);

    [Fact]
    public async Task A_rollout_whose_lease_answer_is_lost_still_brings_the_trunk_in_line_and_gives_the_lease_back()
    {
        var provider = await ConnectProviderAsync();
        var revisionBefore = await Database.ColumnAsync(provider.Id, "origination_revision");
        var interceptor = new LostStatementAnswerInterceptor();
        await using var replica = await Fixture.StartHostAsync(
            CallingTestHelpers.OriginationSettings(TwoIngresses, RolloutByHand),
            services => services.ConfigureDbContext<VoipProvidersDbContext>(options => options.AddInterceptors(interceptor)));
        Twilio.ClearRequests();
        // The conditional UPDATE that takes the lease commits, and its answer is lost: the execution strategy sends it again.
        interceptor.LoseAnswerOfNext("SET origination_lease_until");

        var result = await replica.RunOriginationRolloutAsync();

        interceptor.Broken.Should().Be(1);
        result.Failed.Should().Be(0);
        Twilio.RequestsFor(TwilioOperation.CreateOriginationUrl).Should().ContainSingle("the lease sent again found itself and the trunk was brought in line");
        Twilio.TrunkOf(provider.Account).Ours().Should().HaveCount(2);
        (await Database.ColumnAsync(provider.Id, "origination_revision")).Should().NotBe(revisionBefore);
        (await Database.ColumnAsync(provider.Id, "origination_lease_until")).Should().BeNull("the lease went back after the commit");
    }

    private Task<TestHost> StartReplicaAsync(IReadOnlyList<(string Uri, int Priority, int Weight)> uris) =>
        Fixture.StartHostAsync(CallingTestHelpers.OriginationSettings(uris, RolloutByHand));

    /// <summary>Connects a provider (through the fixture's host, or <paramref name="host"/>) on a fresh account.</summary>
    private async Task<Connected> ConnectProviderAsync(TestHost? host = null)
    {
        var builder = NewProvider();
        using var client = host?.ClientFor(OrgA) ?? ClientFor();
        using var response = await client.PostAsJsonAsync(TwilioProvidersPath, builder.Body());
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var created = JsonDocument.Parse(body).RootElement;
        var connected = new Connected(
            created.GetProperty("id").GetGuid(),
            builder.Account,
            created.GetProperty("inboundRoutingKey").GetString()!,
            created.GetProperty("originationUris")[0].GetProperty("sid").GetString()!);
        Twilio.ClearRequests();
        return connected;
    }

    private async Task<string> AddTenantUrlAsync(Connected provider, int priority)
    {
        var trunkSid = Twilio.TrunkOf(provider.Account).Sid;
        var created = await TwilioConsoleAsync(provider.Account, HttpMethod.Post, $"/v1/Trunks/{trunkSid}/OriginationUrls", new Dictionary<string, string>
        {
            ["FriendlyName"] = "Tenant PBX",
            ["SipUrl"] = "sip:pbx.tenant.example.com",
            ["Priority"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Weight"] = "10",
            ["Enabled"] = "true",
        });
        return created.GetProperty("sid").GetString()!;
    }

    private async Task<List<(string? Sid, string? SipUrl, int Priority, int Weight, bool Enabled)>> OriginationUrisAsync(Guid id)
    {
        using var get = await GetTwilioProviderAsync(id);
        get.StatusCode.Should().Be(HttpStatusCode.OK);
        return [.. (await ReadJsonAsync(get)).GetProperty("originationUris").EnumerateArray().Select(u => (
            u.GetProperty("sid").GetString(),
            u.GetProperty("sipUrl").GetString(),
            u.GetProperty("priority").GetInt32(),
            u.GetProperty("weight").GetInt32(),
            u.GetProperty("enabled").GetBoolean()))];
    }

    private async Task<List<string?>> RevisionsAsync(IEnumerable<Connected> providers)
    {
        var revisions = new List<string?>();
        foreach (var provider in providers)
        {
            revisions.Add(await Database.ColumnAsync(provider.Id, "origination_revision"));
        }

        return revisions;
    }

    private sealed record Connected(Guid Id, EmulatedAccount Account, string RoutingKey, string OriginationSid);
}
