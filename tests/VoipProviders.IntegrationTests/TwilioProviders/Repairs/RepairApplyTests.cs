using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoipProviders.IntegrationTests.Events;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>
/// Issue 21 §1/§2: applying a plan — refused when it is stale, disruptive without the flag, or the If-Match is stale;
/// each applied action leaves exactly one audit record by the user and one ProviderRepaired event; a repair holds the
/// provider against every other change while it runs, and a rotation holds it against a repair.
/// </summary>
public sealed class RepairApplyTests(IntegrationFixture fixture) : RepairTest(fixture)
{
    private EventTables Events => new(Fixture.ConnectionString);

    public static TheoryData<string> ChangesAfterThePlan => new() { "the provider was updated", "more drift in the account" };

    [Theory]
    [MemberData(nameof(ChangesAfterThePlan))]
    public async Task A_plan_applied_after_anything_changed_is_refused_as_stale_and_changes_nothing(string change)
    {
        var p = await ConnectProviderAsync();
        await UpdateTrunkInConsoleAsync(p, "TransferMode", "enable-all");
        var plan = await PlanAsync(p.Id);
        if (change == "the provider was updated")
        {
            using var renamed = await UpdateAsync(p.Id, new { name = "Renamed" });
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        else
        {
            await DisassociateCredentialListInConsoleAsync(p);
        }

        var rowBefore = await Database.ProviderRowSnapshotAsync(p.Id);
        Twilio.ClearRequests();

        using var response = await RepairAsync(p.Id, PlanBody(plan));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "repair_plan_stale");
        problem.GetProperty("detail").GetString().Should().Contain(plan.GetProperty("planId").GetString()!).And.Contain("dryRun=true");
        TwilioWrites().Should().BeEmpty("a stale plan is refused before anything is applied");
        (await Database.ProviderRowSnapshotAsync(p.Id)).Should().Be(rowBefore);
        Twilio.TrunkOf(p.Account).TransferMode.Should().Be("enable-all");
        (await RecordsAsync("provider.repaired", p.Id)).Should().BeEmpty();

        // A fresh plan names what is there now, and applies.
        var fresh = await PlanAsync(p.Id);
        fresh.GetProperty("planId").GetGuid().Should().NotBe(plan.GetProperty("planId").GetGuid());
        ResultsOf(await ApplyPlanAsync(p.Id, fresh)).Should().OnlyContain(r => r.Outcome == Applied);
    }

    [Fact]
    public async Task A_plan_that_recreates_the_trunk_is_refused_without_allowDisruptive_and_nothing_changes()
    {
        var p = await ConnectProviderAsync(numbers: 1);
        await DeleteTrunkInConsoleAsync(p);
        var plan = await PlanAsync(p.Id);
        ActionNamed(plan, RecreateTrunk).GetProperty("disruptive").GetBoolean().Should().BeTrue();
        var rowBefore = await Database.ProviderRowSnapshotAsync(p.Id);
        Twilio.ClearRequests();

        foreach (var body in new object?[] { PlanBody(plan), new { planId = plan.GetProperty("planId").GetGuid(), allowDisruptive = false }, null })
        {
            using var response = await RepairAsync(p.Id, body);

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "disruptive_repair_not_allowed");
            problem.GetProperty("detail").GetString().Should().Contain("allowDisruptive");
        }

        TwilioWrites().Should().BeEmpty();
        Twilio.Trunks.Should().BeEmpty("no trunk is created without the tenant's consent");
        (await Database.ProviderRowSnapshotAsync(p.Id)).Should().Be(rowBefore);
        (await ReadProviderAsync(p.Id)).GetProperty("terminationUri").GetString().Should().Be(p.TerminationUri);
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_and_the_current_ETag_lets_the_repair_through()
    {
        var p = await ConnectProviderAsync();
        await UpdateTrunkInConsoleAsync(p, "TransferMode", "enable-all");
        var stale = await ETagOfAsync(p.Id);
        using (var renamed = await UpdateAsync(p.Id, new { name = "Renamed" }))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var rowBefore = await Database.ProviderRowSnapshotAsync(p.Id);
        Twilio.ClearRequests();

        using (var refused = await RepairAsync(p.Id, ifMatch: stale))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        }

        Twilio.Requests.Should().BeEmpty("the precondition is checked before Twilio is asked anything");
        (await Database.ProviderRowSnapshotAsync(p.Id)).Should().Be(rowBefore);

        using var applied = await RepairAsync(p.Id, ifMatch: await ETagOfAsync(p.Id));
        applied.StatusCode.Should().Be(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        ResultsOf(await ReadJsonAsync(applied)).Should().Equal((SetTransferMode, p.TrunkSid, Applied));
        Twilio.TrunkOf(p.Account).TransferMode.Should().Be("disable-all");
    }

    [Fact]
    public async Task A_provider_with_nothing_to_repair_gets_an_empty_plan_with_a_stable_id_and_applying_it_only_verifies()
    {
        var p = await ConnectProviderAsync(numbers: 1);
        var version = await VersionAsync(p.Id);

        var plan = await PlanAsync(p.Id);
        var again = await PlanAsync(p.Id);

        plan.GetProperty("actions").GetArrayLength().Should().Be(0);
        plan.GetProperty("basedOnVersion").GetInt64().Should().Be(version);
        again.GetProperty("planId").GetGuid().Should().Be(plan.GetProperty("planId").GetGuid(), "the same state plans the same plan");
        Twilio.ClearRequests();

        foreach (var body in new object?[] { PlanBody(plan), new { }, null })
        {
            var applied = await ApplyAsync(p.Id, body);

            applied.GetProperty("planId").GetGuid().Should().Be(plan.GetProperty("planId").GetGuid());
            applied.GetProperty("results").GetArrayLength().Should().Be(0);
            applied.GetProperty("verification").GetProperty("status").GetString().Should().Be("verified");
            applied.GetProperty("verification").GetProperty("lastVerifiedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10));
        }

        TwilioWrites().Should().BeEmpty();
        (await VersionAsync(p.Id)).Should().Be(version, "an empty repair does not take the provider");
        (await ReadProviderAsync(p.Id)).GetProperty("verificationStatus").GetString().Should().Be("verified", "the verification's outcome is stored");
        (await RecordsAsync("provider.repaired", p.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Each_applied_action_leaves_one_audit_record_by_the_user_and_one_ProviderRepaired_event_without_a_secret()
    {
        var p = await ConnectProviderAsync(numbers: 1);
        await UpdateTrunkInConsoleAsync(p, "TransferMode", "enable-all");
        await DeleteCredentialListInConsoleAsync(p);
        await DetachNumberInConsoleAsync(p, p.Numbers[0]);
        var eventsBefore = (await Events.EventsAsync(p.Id)).Count;

        // No planId: the plan made now is applied.
        var applied = await ApplyAsync(p.Id);

        (string Action, string Target)[] expected =
        [
            (SetTransferMode, p.TrunkSid),
            (CreateCredentialList, p.CredentialListSid),
            (AssociateCredentialList, p.TrunkSid),
            (CreateSipCredential, p.SipCredential.Sid),
            (ReattachPhoneNumber, p.Numbers[0].Sid),
        ];
        ResultsOf(applied).Should().Equal(expected.Select(a => (a.Action, a.Target, Applied)));
        applied.GetProperty("verification").GetProperty("status").GetString().Should().Be("verified");
        var planId = applied.GetProperty("planId").GetString();
        var list = Twilio.CredentialListOf(p.Account);
        var credential = list.Credentials.Single();

        var records = (await RecordsAsync("provider.repaired", p.Id)).Reverse().ToList();
        records.Select(r => (Detail(r, "action"), Detail(r, "target"))).Should().Equal(expected, "one record per applied action, in order");
        records.Should().AllSatisfy(r =>
        {
            ShouldBeByTheUser(r);
            r.GetProperty("outcome").GetString().Should().Be("succeeded");
            Detail(r, "planId").Should().Be(planId);
            Detail(r, "trigger").Should().Be("manual");
        });
        Detail(records[1], "credentialListSid").Should().Be(list.Sid);
        Detail(records[3], "sipUsername").Should().Be(credential.Username);

        var events = (await Events.EventsAsync(p.Id)).Skip(eventsBefore).Where(e => e.EventType is "ProviderRepaired" or "SipCredentialRotated").ToList();
        events.Select(e => e.EventType).Should().Equal(
            "ProviderRepaired", "ProviderRepaired", "ProviderRepaired", "ProviderRepaired", "SipCredentialRotated", "ProviderRepaired");
        events.Select(e => e.ProviderVersion).Should().BeInAscendingOrder();
        var repaired = events.Where(e => e.EventType == "ProviderRepaired").Select(e => JsonDocument.Parse(e.Payload).RootElement.Clone()).ToList();
        repaired.Select(e => e.GetProperty("actions").EnumerateArray().Select(a => (a.GetProperty("action").GetString()!, a.GetProperty("target").GetString()!)).Single())
            .Should().Equal(expected, "each event names the one action its commit applied");
        repaired.Should().AllSatisfy(e =>
        {
            e.GetProperty("planId").GetString().Should().Be(planId);
            e.GetProperty("trigger").GetString().Should().Be("manual");
            e.GetProperty("terminationUri").GetString().Should().Be(p.TerminationUri);
        });
        repaired.Select(e => e.GetProperty("dialOutRouteChanged").GetBoolean()).Should().Equal(false, false, false, true, false);
        repaired.Select(e => e.GetProperty("sipCredentialVersion").GetInt32()).Should().Equal(1, 1, 1, 2, 2);
        var rotated = JsonDocument.Parse(events[4].Payload).RootElement;
        (rotated.GetProperty("sipUsername").GetString(), rotated.GetProperty("credentialVersion").GetInt32()).Should().Be((credential.Username, 2));

        var secrets = new[] { credential.Password, p.SipCredential.Password, p.Account.AuthToken };
        string.Join('\n', events.Select(e => e.Payload)).Should().NotContainAny(secrets);
        await AssertSecretsNotLeakedAsync(secrets, p.Account.Sid, applied.GetRawText());
    }

    [Fact]
    public async Task Two_repairs_at_once_apply_the_fix_once_and_the_same_plan_is_never_applied_twice()
    {
        var p = await ConnectProviderAsync();
        await UpdateTrunkInConsoleAsync(p, "TransferMode", "enable-all");
        var plan = await PlanAsync(p.Id);
        Twilio.ClearRequests();
        Twilio.SetBarrier(TwilioOperation.FetchTrunk, parties: 2, BarrierTimeout); // both plan from the same version

        var responses = await Task.WhenAll(RepairAsync(p.Id, PlanBody(plan)), RepairAsync(p.Id, PlanBody(plan)));

        try
        {
            responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
            await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBeProblemAsync(HttpStatusCode.Conflict, "repair_plan_stale");
            ResultsOf(await ReadJsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK))).Should().Equal((SetTransferMode, p.TrunkSid, Applied));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        TwilioWrites().Should().ContainSingle("the loser applied nothing").Which.Operation.Should().Be(TwilioOperation.UpdateTrunk);
        (await RecordsAsync("provider.repaired", p.Id)).Should().ContainSingle();

        Twilio.ClearRequests();
        using var again = await RepairAsync(p.Id, PlanBody(plan));
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "repair_plan_stale");
        TwilioWrites().Should().BeEmpty("an applied plan is stale from then on: nothing is applied twice");
    }

    [Fact]
    public async Task While_a_repair_holds_the_provider_every_change_answers_409_repair_in_progress_and_an_expired_hold_does_not()
    {
        var p = await ConnectProviderAsync();
        await UpdateTrunkInConsoleAsync(p, "TransferMode", "enable-all");
        await Database.ExecuteAsync(
            $"UPDATE voip_providers.twilio_providers SET repair_run_id = '{Guid.NewGuid()}', repair_lease_until = now() + interval '5 minutes' WHERE id = '{p.Id}'");
        var rowBefore = await Database.ProviderRowSnapshotAsync(p.Id);
        var client = ClientFor();
        var changes = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("repair", () => RepairAsync(p.Id)),
            ("PUT name", () => UpdateAsync(p.Id, new { name = "Renamed" })),
            ("PUT autoRepair", () => UpdateAsync(p.Id, new { autoRepair = "safe" })),
            ("PUT supportsCallTransfer", () => UpdateAsync(p.Id, new { supportsCallTransfer = true })),
            ("PATCH auth-token", () => RotateAsync(p.Id, new { authToken = p.Account.AuthToken })),
            ("rotate SIP credential", () => client.RotateSipCredentialAsync(p.Id)),
            ("start rotation", () => client.PostAsJsonAsync($"{TwilioProvidersPath}/{p.Id}/auth-token/rotations", new { acknowledgeOtherSystemsLoseAccess = true }, Json)),
            ("DELETE", () => DeleteAsync(p.Id)),
        };
        Twilio.ClearRequests();

        foreach (var (name, send) in changes)
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.Conflict, $"{name}: {body}");
            JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().Should().Be("repair_in_progress", name);
        }

        TwilioWrites().Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(p.Id)).Should().Be(rowBefore, "nothing was changed");
        (await Database.CountProvidersAsync()).Should().Be(1);

        // The replica that held it is gone: its lease runs out and the provider can be repaired again.
        await Database.ExecuteAsync($"UPDATE voip_providers.twilio_providers SET repair_lease_until = now() - interval '1 second' WHERE id = '{p.Id}'");
        ResultsOf(await ApplyAsync(p.Id)).Should().Equal((SetTransferMode, p.TrunkSid, Applied));
        (await Database.ColumnAsync(p.Id, "repair_run_id")).Should().BeNull();
    }

    [Fact]
    public async Task A_managed_Auth_Token_rotation_holds_the_provider_against_a_repair()
    {
        await Fixture.PauseBackgroundJobsAsync(); // the rotation stays at its start: no Twilio call of its own
        var p = await ConnectProviderAsync();
        await UpdateTrunkInConsoleAsync(p, "TransferMode", "enable-all");
        using (var started = await ClientFor().PostAsJsonAsync(
            $"{TwilioProvidersPath}/{p.Id}/auth-token/rotations", new { propagationDelaySeconds = 300, acknowledgeOtherSystemsLoseAccess = true }, Json))
        {
            started.StatusCode.Should().Be(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        }

        var rowBefore = await Database.ProviderRowSnapshotAsync(p.Id);
        Twilio.ClearRequests();

        using var response = await RepairAsync(p.Id);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "rotation_in_progress");
        TwilioWrites().Should().BeEmpty();
        Twilio.TrunkOf(p.Account).TransferMode.Should().Be("enable-all");
        (await Database.ProviderRowSnapshotAsync(p.Id)).Should().Be(rowBefore);
    }
}
