using System.Net;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>
/// Issue 21 §3: a repair is scoped to the caller's organization — another organization's provider does not exist for it,
/// not even with that provider's own planId — and the id is checked before anything is looked at.
/// </summary>
public sealed class RepairTenancyTests(IntegrationFixture fixture) : RepairTest(fixture)
{
    [Fact]
    public async Task Another_organizations_provider_answers_404_to_the_dry_run_and_the_apply_and_is_neither_read_nor_repaired()
    {
        var p = await ConnectProviderAsync(numbers: 1);
        await DetachNumberInConsoleAsync(p, p.Numbers[0]);
        var plan = await PlanAsync(p.Id);
        var rowBefore = await Database.ProviderRowSnapshotAsync(p.Id);
        Twilio.ClearRequests();

        foreach (var (query, body) in new (string, object?)[] { ("?dryRun=true", null), ("", null), ("", PlanBody(plan)) })
        {
            using var response = await RepairAsync(p.Id, body, query, organizationId: OrgB);

            await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        Twilio.Requests.Should().BeEmpty("the tenant's account is not even read for another organization");
        (await Database.ProviderRowSnapshotAsync(p.Id)).Should().Be(rowBefore);
        Twilio.TrunkOf(p.Account).PhoneNumberSids.Should().BeEmpty();
        (await RecordsAsync("provider.repaired", organizationId: OrgB)).Should().BeEmpty();
        (await RecordsAsync("provider.repaired", p.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_id_answers_404_a_malformed_one_400_naming_id_and_no_token_401()
    {
        foreach (var query in new[] { "?dryRun=true", "" })
        {
            using (var unknown = await ClientFor().PostAsync($"{TwilioProvidersPath}/{Guid.CreateVersion7()}/repair{query}", null))
            {
                await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
            }

            foreach (var id in new[] { "not-a-uuid", Guid.Empty.ToString() })
            {
                using var malformed = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/repair{query}", null);
                var problem = await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
                problem.GetProperty("errors").TryGetProperty("id", out _).Should().BeTrue(problem.ToString());
            }

            using var anonymous = await Fixture.AnonymousClient().PostAsync($"{TwilioProvidersPath}/{Guid.CreateVersion7()}/repair{query}", null);
            await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }

        Twilio.Requests.Should().BeEmpty();
    }
}
