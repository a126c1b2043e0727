using System.Net;
using System.Text;
using System.Text.Json;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>
/// Issue 21 §1 and ADR-010: what a repair request may carry — ?dryRun true or false, a body of planId and
/// allowDisruptive only (none in a dry run) — each mistake refused by name before anything is planned or applied; and
/// the repair is a change like any other for the rate limit.
/// </summary>
public sealed class RepairRequestTests(IntegrationFixture fixture) : RepairTest(fixture)
{
    [Fact]
    public async Task A_bad_repair_request_answers_400_naming_what_is_wrong_and_neither_plans_nor_applies()
    {
        var p = await ConnectProviderAsync();
        await UpdateTrunkInConsoleAsync(p, "TransferMode", "enable-all"); // something an accidental apply would repair
        var rowBefore = await Database.ProviderRowSnapshotAsync(p.Id);
        var planId = Guid.NewGuid();
        var cases = new (string Query, string? Json, string Field)[]
        {
            ("?dryRun=yes", null, "dryRun"),
            ("?dryRun=1", null, "dryRun"),
            ("?dryRun=TRUE", null, "dryRun"),
            ("?dryRun=", null, "dryRun"),
            ("?dryRun=true&dryRun=false", null, "dryRun"),
            ("?dryRun=true", $$"""{"planId":"{{planId}}"}""", "body"),
            ("?dryRun=true", """{"allowDisruptive":true}""", "body"),
            ("?dryRun=false", """{"planid":"x"}""", "planid"),
            ("", """{"dryRun":true}""", "dryRun"),
            ("", $$"""{"planId":"{{planId}}","force":true}""", "force"),
            ("", """{"planId":"not-a-uuid"}""", "planId"),
            ("", """{"planId":"00000000-0000-0000-0000-000000000000"}""", "planId"),
            ("", """{"allowDisruptive":"yes"}""", "allowDisruptive"),
        };
        Twilio.ClearRequests();

        foreach (var (query, json, field) in cases)
        {
            var because = $"POST …/repair{query} {json}";
            using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await ClientFor().PostAsync(RepairPath(p.Id) + query, content);

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(field, because);
        }

        Twilio.Requests.Should().BeEmpty("bad input is refused before the account is looked at");
        (await Database.ProviderRowSnapshotAsync(p.Id)).Should().Be(rowBefore);
        Twilio.TrunkOf(p.Account).TransferMode.Should().Be("enable-all");

        // The same provider, asked properly: ?dryRun=false applies like no query at all.
        using var applied = await ClientFor().PostAsync(RepairPath(p.Id) + "?dryRun=false", null);
        applied.StatusCode.Should().Be(HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        ResultsOf(await ReadJsonAsync(applied)).Should().Equal((SetTransferMode, p.TrunkSid, Applied));
    }

    [Fact]
    public async Task A_repair_even_a_dry_run_spends_the_organizations_budget_of_changes_while_reads_pass()
    {
        await using var host = await Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["RateLimiting:MutatingRequestsPerMinutePerOrganization"] = "2",
            ["BackgroundJobs:Enabled"] = "false",
        });
        using var orgA = host.ClientFor(OrgA);
        using var orgB = host.ClientFor(OrgB);

        using (var dryRun = await orgA.PostAsync($"{RepairPath(Guid.NewGuid())}?dryRun=true", null))
        using (var apply = await orgA.PostAsync(RepairPath(Guid.NewGuid()), null))
        {
            dryRun.StatusCode.Should().Be(HttpStatusCode.NotFound);
            apply.StatusCode.Should().Be(HttpStatusCode.NotFound, "two changes a minute are allowed");
        }

        using var third = await orgA.PostAsync(RepairPath(Guid.NewGuid()), null);
        var problem = await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        third.Headers.RetryAfter!.Delta!.Value.Should().BeGreaterThan(TimeSpan.Zero);
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().BeGreaterThan(0);
        using var settings = await orgA.PutAsync($"{ProvidersPath}/settings", new StringContent("""{"defaultAutoRepair":"safe"}""", Encoding.UTF8, "application/json"));
        await settings.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");

        using var read = await orgA.GetAsync($"{ProvidersPath}/settings");
        read.StatusCode.Should().Be(HttpStatusCode.OK, "reads are not limited");
        JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("defaultAutoRepair").GetString()
            .Should().Be("off", "the refused PUT changed nothing");
        using var otherOrganization = await orgB.PostAsync($"{RepairPath(Guid.NewGuid())}?dryRun=true", null);
        otherOrganization.StatusCode.Should().Be(HttpStatusCode.NotFound, "each organization has its own budget");
    }
}
