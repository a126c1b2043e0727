using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>
/// Issue 21 §1: what the module does not own or must not decide for the tenant — a number moved to another trunk or
/// released, an origination URL the tenant added, a suspended account, rejected credentials — is planned as
/// <c>manual</c> with the resource and the reason, and applying the plan never touches it.
/// </summary>
public sealed class ManualFindingTests(IntegrationFixture fixture) : RepairTest(fixture)
{
    [Fact]
    public async Task Moved_and_released_numbers_and_a_tenants_URL_are_manual_and_applying_repairs_only_what_the_module_owns()
    {
        var p = await ConnectProviderAsync(numbers: 3);
        var (moved, released, detached) = (p.Numbers[0], p.Numbers[1], p.Numbers[2]);
        var tenantTrunkSid = await CreateTenantTrunkInConsoleAsync(p);
        await MoveNumberInConsoleAsync(p, moved, tenantTrunkSid);
        await ReleaseNumberInConsoleAsync(p, released);
        await DetachNumberInConsoleAsync(p, detached);
        var tenantUrlSid = await AddTenantOriginationUrlInConsoleAsync(p);
        var tenantTrunk = Twilio.Trunks.Single(t => t.Sid == tenantTrunkSid);
        var tenantUrl = OurTrunk(p).OriginationUrls.Single(u => u.Sid == tenantUrlSid);
        var rowBefore = await Database.ProviderRowSnapshotAsync(p.Id);

        var plan = await PlanAsync(p.Id);

        // The origination findings come before the numbers; the numbers in SID order.
        var numberActions = new List<(string Action, string Target)> { (Manual, moved.Sid), (Manual, released.Sid), (ReattachPhoneNumber, detached.Sid) }
            .OrderBy(a => a.Target, StringComparer.Ordinal).ToList();
        List<(string Action, string Target)> expected = [(Manual, tenantUrlSid), .. numberActions];
        ActionsOf(plan).Should().Equal(expected);
        Reason(plan, moved.Sid).Should().Contain("moved to another trunk").And.Contain(tenantTrunkSid);
        Reason(plan, released.Sid).Should().Contain("released");
        Reason(plan, tenantUrlSid).Should().Contain("sip:pbx.tenant.example.com").And.Contain("priority 10");
        plan.GetProperty("actions").EnumerateArray().Should().OnlyContain(a => !a.GetProperty("disruptive").GetBoolean());
        TwilioWrites().Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(p.Id)).Should().Be(rowBefore);
        Twilio.ClearRequests();

        var applied = await ApplyPlanAsync(p.Id, plan);

        ResultsOf(applied).Should().Equal(ActionsOf(plan).Select(a => (a.Action, a.Target, a.Action == Manual ? Skipped : Applied)));
        applied.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("outcome").GetString() == Skipped)
            .Should().OnlyContain(r => r.GetProperty("error").GetString()!.StartsWith("Not repaired by the module", StringComparison.Ordinal));
        var attach = TwilioWrites().Should().ContainSingle("the detached number is the one thing the module may repair").Subject;
        (attach.Operation, attach.Path, attach.Form["PhoneNumberSid"]).Should().Be((TwilioOperation.AttachPhoneNumber, $"/v1/Trunks/{p.TrunkSid}/PhoneNumbers", detached.Sid));
        Twilio.Trunks.Single(t => t.Sid == tenantTrunkSid).Should().BeEquivalentTo(tenantTrunk, "the tenant's trunk keeps the number moved to it");
        OurTrunk(p).OriginationUrls.Single(u => u.Sid == tenantUrlSid).Should().Be(tenantUrl, "the tenant's own URL is never changed");
        Twilio.PhoneNumbers.Should().NotContain(n => n.Sid == released.Sid, "a released number is not bought back");
        OurTrunk(p).PhoneNumberSids.Should().Equal(detached.Sid);
        var verification = applied.GetProperty("verification");
        verification.GetProperty("status").GetString().Should().Be("warning", "what is left is the tenant's to decide");
        verification.Check("Phone Numbers").GetProperty("details").TryGetProperty("detachedPhoneNumberSids", out var stillDetached).Should().BeTrue();
        stillDetached.EnumerateArray().Should().BeEmpty();

        ActionsOf(await PlanAsync(p.Id)).Should().Equal(
            expected.Where(a => a.Action == Manual), "the manual findings stay until the tenant acts; the repaired number is no longer planned");
    }

    public static TheoryData<string> AccountProblems => new() { "suspended", "credentials rejected" };

    [Theory]
    [MemberData(nameof(AccountProblems))]
    public async Task An_account_the_module_cannot_use_is_one_manual_finding_and_applying_changes_nothing(string problem)
    {
        var p = await ConnectProviderAsync();
        await DeleteOriginationUrlInConsoleAsync(p); // drift the module would repair if it could use the account
        if (problem == "suspended")
        {
            Twilio.SetAccountStatus(p.Account.Sid, EmulatedAccountStatus.Suspended);
        }
        else
        {
            Twilio.SetAuthToken(p.Account.Sid, NewToken());
        }

        var version = await VersionAsync(p.Id);

        var plan = await PlanAsync(p.Id);

        ActionsOf(plan).Should().Equal((Manual, p.Account.Sid));
        Reason(plan, p.Account.Sid).Should().Contain(problem == "suspended" ? "suspended" : "rotate the Auth Token");
        Twilio.Requests.Should().OnlyContain(r => r.Method == "GET");
        Twilio.ClearRequests();

        var applied = await ApplyPlanAsync(p.Id, plan);

        ResultsOf(applied).Should().Equal((Manual, p.Account.Sid, Skipped));
        applied.GetProperty("verification").GetProperty("status").GetString().Should().Be("failed");
        applied.GetProperty("verification").CheckStatuses().Should().Equal("failed", "skipped", "skipped", "skipped", "skipped");
        TwilioWrites().Should().BeEmpty();
        (await VersionAsync(p.Id)).Should().Be(version, "nothing to apply: the provider is not even taken");
        (await Database.ColumnAsync(p.Id, "repair_run_id")).Should().BeNull();
        OurTrunk(p).OriginationUrls.Should().BeEmpty();
    }

    private EmulatedTrunk OurTrunk(ConnectedProvider p) => Twilio.Trunks.Single(t => t.Sid == p.TrunkSid);

    private static string Reason(JsonElement plan, string target) =>
        plan.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("target").GetString() == target).GetProperty("reason").GetString()!;
}
