using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.IntegrationTests.Persistence;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>
/// A connect commits its provisioning intent (the names of what it will build) before the first Twilio create. If the
/// process dies between the creates and the commit, reconciliation deletes what was built after the grace period —
/// with the account's own credentials, from any replica — and a connect that commits too late cannot store a provider
/// whose resources are being deleted.
/// </summary>
public sealed class ProvisioningIntentTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private static readonly TimeSpan ShortGrace = TimeSpan.FromSeconds(1);

    private Task<TestHost> StartReplicaWithShortGraceAsync(IReadOnlyDictionary<string, string>? more = null, IInterceptor? interceptor = null)
    {
        var settings = new Dictionary<string, string> { ["TwilioResourceCleanup:UnfinishedConnectGracePeriod"] = ShortGrace.ToString() };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return Fixture.StartHostAsync(
            settings,
            interceptor is null ? null : services => services.ConfigureDbContext<VoipProvidersDbContext>(options => options.AddInterceptors(interceptor)));
    }

    /// <summary>What a process that dies right after <paramref name="build"/> leaves: a committed intent, resources in Twilio, no provider.</summary>
    private static async Task<ProvisioningIntent> CrashAfterAsync(
        TestHost host,
        EmulatedAccount account,
        Func<IServiceProvider, TwilioCredentials, ProvisioningIntent, Task> build)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var credentials = new TwilioCredentials(AccountSid.Parse(account.Sid), TwilioAuthToken.From(account.AuthToken));
        var intent = await scope.ServiceProvider.GetRequiredService<TwilioTrunkProvisioner>()
            .PlanAsync(credentials, Org(OrgA), ProviderId.New(DateTimeOffset.UtcNow), CancellationToken.None);
        await build(scope.ServiceProvider, credentials, intent);
        return intent; // No commit and no compensation: the scope is simply dropped.
    }

    [Fact]
    public async Task A_committed_connect_leaves_no_intent_and_its_reconciliation_waits_out_the_grace_period()
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await CreateProviderAsync(NewProvider().Body());

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await Database.CountProvisioningIntentsAsync()).Should().Be(0, "the provider's commit removed its intent");
        await EventuallyAsync(async () => (await Database.ReconciliationsDueAsync()).Count == 1, "the reconciliation job reached the scheduler");
        (await Database.ReconciliationsDueAsync()).Single().Should().BeOnOrAfter(before + TimeSpan.FromMinutes(10))
            .And.BeBefore(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10), "due one grace period (default 10 minutes) after the connect started");
    }

    [Fact]
    public async Task A_connect_that_died_after_building_everything_is_deleted_from_the_tenants_account_by_reconciliation()
    {
        await using var replica = await StartReplicaWithShortGraceAsync();
        await Fixture.PauseBackgroundJobsAsync(); // the replica, whose log is read below, runs the reconciliation
        var account = Twilio.AddAccount("Acme Voice");
        var intent = await CrashAfterAsync(replica, account, (services, credentials, planned) =>
            services.GetRequiredService<TwilioTrunkProvisioner>().ProvisionAsync(credentials, planned, transferEnabled: false, secure: true, CancellationToken.None));
        var trunk = Twilio.Trunks.Should().ContainSingle().Subject;
        trunk.OriginationUrls.Should().NotBeEmpty("the crash came after the last create: the origination URLs");
        var list = Twilio.CredentialLists.Should().ContainSingle().Subject;
        trunk.DomainName.Should().Be(intent.TrunkDomainNames[0]);
        list.FriendlyName.Should().Be(intent.ResourceFriendlyName);

        await EventuallyAsync(
            async () => Twilio.Trunks.Count == 0 && Twilio.CredentialLists.Count == 0 && await Database.CountProvisioningIntentsAsync() == 0,
            "reconciliation deleted the trunk (with its origination URLs) and the credential list and settled the intent",
            TimeSpan.FromSeconds(30));

        (await Database.CountProvidersAsync()).Should().Be(0);
        var deletes = Twilio.Requests.Where(r => r.Method == "DELETE" && r.AuthUser == account.Sid).ToList();
        deletes.Select(r => (r.Operation, r.Path, r.ResponseStatus)).Should().BeEquivalentTo(
        [
            (TwilioOperation.DeleteCredentialList, $"/2010-04-01/Accounts/{account.Sid}/SIP/CredentialLists/{list.Sid}.json", 204),
            (TwilioOperation.DeleteTrunk, $"/v1/Trunks/{trunk.Sid}", 204),
        ]);
        Twilio.Requests.Where(r => r.Path.Contains(trunk.Sid, StringComparison.Ordinal) || r.Path.Contains(list.Sid, StringComparison.Ordinal))
            .Should().NotBeEmpty().And.AllSatisfy(r => r.AuthUser.Should().Be(account.Sid, "the account's own credentials, kept with the intent"));
        replica.Logs.GetSnapshot().Should().Contain(r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && r.Message.Contains("never finished", StringComparison.Ordinal) && r.Message.Contains(account.Sid, StringComparison.Ordinal));
        await AssertSecretsNotLeakedAsync(replica.Logs, [account.AuthToken], account.Sid);
    }

    [Fact]
    public async Task A_reconciliation_whose_take_answer_is_lost_still_deletes_what_was_built_and_settles_the_intent()
    {
        var interceptor = new LostStatementAnswerInterceptor();
        await using var replica = await StartReplicaWithShortGraceAsync(interceptor: interceptor);
        await Fixture.PauseBackgroundJobsAsync(); // the replica, whose statements lose their answers, runs the reconciliation
        // The conditional UPDATE that takes the intent commits, and its answer is lost: the execution strategy sends it again.
        interceptor.LoseAnswerOfNext("UPDATE voip_providers.provisioning_intents AS");
        var account = Twilio.AddAccount("Acme Voice");
        await CrashAfterAsync(replica, account, (services, credentials, planned) =>
            services.GetRequiredService<TwilioTrunkProvisioner>().ProvisionAsync(credentials, planned, transferEnabled: false, secure: false, CancellationToken.None));
        Twilio.Trunks.Should().ContainSingle();
        Twilio.CredentialLists.Should().ContainSingle();

        await EventuallyAsync(
            async () => Twilio.Trunks.Count == 0 && Twilio.CredentialLists.Count == 0 && await Database.CountProvisioningIntentsAsync() == 0,
            "the take sent again found the intent its first attempt took, and reconciliation went on",
            TimeSpan.FromSeconds(30));
        interceptor.Broken.Should().Be(1);
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_connect_that_died_after_its_first_create_has_its_lone_trunk_deleted()
    {
        await using var replica = await StartReplicaWithShortGraceAsync();
        var account = Twilio.AddAccount("Acme Voice");
        await CrashAfterAsync(replica, account, (services, credentials, planned) =>
            services.GetRequiredService<ITwilioGateway>().CreateTrunkAsync(
                credentials, new CreateTwilioTrunkRequest(planned.ResourceFriendlyName, planned.TrunkDomainNames[0], false), CancellationToken.None));
        Twilio.Trunks.Should().ContainSingle();
        Twilio.CredentialLists.Should().BeEmpty();

        await EventuallyAsync(
            async () => Twilio.Trunks.Count == 0 && await Database.CountProvisioningIntentsAsync() == 0,
            "reconciliation found the trunk by its planned domain name",
            TimeSpan.FromSeconds(30));
        Twilio.RequestsFor(TwilioOperation.DeleteCredentialList).Should().BeEmpty("there was no credential list to delete");
    }

    [Fact]
    public async Task A_failed_connect_whose_lone_trunk_could_not_be_deleted_is_reconciled_later()
    {
        await using var replica = await StartReplicaWithShortGraceAsync();
        var builder = NewProvider();
        Twilio.EnqueueFaults(TwilioOperation.CreateCredentialList, EmulatedFault.Http(400, 21201, "Invalid friendly name"));
        Twilio.EnqueueFaults(TwilioOperation.DeleteTrunk, [.. Enumerable.Repeat(EmulatedFault.Http(503), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);

        using var response = await replica.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, builder.Body());

        ((int)response.StatusCode).Should().BeInRange(400, 599).And.NotBe(500);
        (await Database.CountProvidersAsync()).Should().Be(0);
        (await Database.CountCleanupsAsync()).Should().Be(0, "a clean-up needs both SIDs; the intent covers a lone trunk");
        await EventuallyAsync(
            async () => Twilio.Trunks.Count == 0 && await Database.CountProvisioningIntentsAsync() == 0,
            "reconciliation deleted the trunk the connect could not",
            TimeSpan.FromSeconds(30));
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Select(r => r.ResponseStatus).Should().EndWith(204);
        await AssertSecretsNotLeakedAsync(replica.Logs, [builder.Account.AuthToken], builder.Account.Sid, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_connect_that_commits_after_reconciliation_took_its_intent_fails_and_leaves_nothing_behind()
    {
        var interceptor = new HeldProviderInsertInterceptor();
        await using var replica = await StartReplicaWithShortGraceAsync(new Dictionary<string, string> { ["BackgroundJobs:Enabled"] = "false" }, interceptor);
        var builder = NewProvider();

        var create = replica.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, builder.Body());
        await interceptor.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        Twilio.Trunks.Should().ContainSingle("the connect built its trunk and is about to commit");
        await EventuallyAsync(
            async () => Twilio.Trunks.Count == 0 && Twilio.CredentialLists.Count == 0 && await Database.CountProvisioningIntentsAsync() == 0,
            "the fixture's replica reconciled the overdue intent while the commit was held",
            TimeSpan.FromSeconds(30));
        interceptor.Release();
        using var response = await create;

        response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("concurrent_update");
        (await Database.CountProvidersAsync()).Should().Be(0, "no provider may point at resources reconciliation deleted");
        Twilio.Trunks.Should().BeEmpty();
        Twilio.CredentialLists.Should().BeEmpty();
    }

    [Fact]
    public async Task A_connect_that_commits_while_reconciliation_is_deleting_its_resources_fails_and_leaves_nothing_behind()
    {
        var interceptor = new HeldProviderInsertInterceptor();
        await using var replica = await StartReplicaWithShortGraceAsync(new Dictionary<string, string> { ["BackgroundJobs:Enabled"] = "false" }, interceptor);
        var builder = NewProvider();
        var create = replica.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, builder.Body());
        await interceptor.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        // Reconciliation's first look-up, slow enough to release the commit while it runs (within the attempt timeout).
        Twilio.SetLatency(TwilioOperation.ListCredentialLists, VoipProvidersApiFactory.AttemptTimeout / 2);

        await EventuallyAsync(
            async () => await Database.CountProvisioningIntentsAsync(nameof(ProvisioningIntentStatus.Reconciling).ToLowerInvariant()) == 1,
            "the fixture's replica took the overdue intent and is looking for what the connect built",
            TimeSpan.FromSeconds(30));
        interceptor.Release();
        using var response = await create;

        response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        (await Database.CountProvidersAsync()).Should().Be(0, "the commit lost to reconciliation, which had taken the intent first");
        await EventuallyAsync(
            async () => Twilio.Trunks.Count == 0 && Twilio.CredentialLists.Count == 0 && await Database.CountProvisioningIntentsAsync() == 0,
            "reconciliation finished, and nothing is left in the tenant's account");
    }
}
