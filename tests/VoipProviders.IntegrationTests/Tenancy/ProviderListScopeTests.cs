using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Tenancy;

/// <summary>
/// <c>GET /api/v1/providers</c> with two organizations holding providers of every status: every filter, every combination
/// of filters and every kind of page (first, whole, beyond the end) lists only the caller's providers and counts only
/// them; a filter that matches nothing of the caller's is an empty 200 page with totalCount 0, even when the other
/// organization has matching providers; a page beyond the end is empty with the right totalCount.
/// </summary>
public sealed class ProviderListScopeTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string OrgWithoutProviders = "org_initech";

    private static readonly string?[] Statuses = [null, "pending", "verified", "warning", "failed"];
    private static readonly string?[] Types = [null, "twilio"];
    private static readonly (int Skip, int Take)[] Pages = [(0, 2), (1, 1000), (100, 5)];

    [Fact]
    public async Task Every_filter_combination_lists_and_counts_only_the_callers_providers()
    {
        var rows = new TenantRows(Fixture.ConnectionString);
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var template = await ConnectAsync(OrgA);
        await rows.SetProviderAsync(template, "pending", start);
        var providers = new List<Seeded> { new(template, OrgA, "pending", start) };

        // The caller has no "warning" provider; the other organization has some of every status (more of each).
        (string Organization, string Status)[] more =
        [
            (OrgA, "verified"), (OrgA, "verified"), (OrgA, "failed"),
            (OrgB, "pending"), (OrgB, "verified"), (OrgB, "warning"), (OrgB, "warning"), (OrgB, "failed"), (OrgB, "failed"), (OrgB, "failed"),
        ];
        foreach (var (organization, status) in more)
        {
            var createdAt = start.AddMinutes(providers.Count);
            providers.Add(new Seeded(await rows.CopyProviderAsync(template, organization, status, createdAt), organization, status, createdAt));
        }

        var expect = new PageExpectations(ClientFor);
        foreach (var caller in new[] { OrgA, OrgB, OrgWithoutProviders })
        {
            foreach (var type in Types)
            {
                foreach (var status in Statuses)
                {
                    foreach (var (skip, take) in Pages)
                    {
                        var query = Query(("providerType", type), ("verificationStatus", status), ("skip", $"{skip}"), ("take", $"{take}"));
                        var matching = providers.Where(p => p.Organization == caller && (status is null || p.Status == status))
                            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).ToList();
                        expect.Page(caller, ProvidersPath + query, matching.Skip(skip).Take(take).Select(p => p.Id), matching.Count);
                    }
                }
            }
        }

        (await expect.MismatchesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_status_filter_the_callers_providers_do_not_match_is_an_empty_page_with_totalCount_0_however_many_the_other_organization_has()
    {
        var template = await ConnectAsync(OrgA);
        var rows = new TenantRows(Fixture.ConnectionString);
        await rows.CopyProviderAsync(template, OrgB, "warning", DateTimeOffset.UtcNow);
        await rows.CopyProviderAsync(template, OrgB, "warning", DateTimeOffset.UtcNow);

        foreach (var query in new[] { "?verificationStatus=warning", "?verificationStatus=warning&skip=5&take=1", "?verificationStatus=warning&providerType=twilio" })
        {
            using var response = await ListProvidersAsync(query);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, body);
            var page = JsonDocument.Parse(body).RootElement;
            page.GetProperty("items").GetArrayLength().Should().Be(0, query);
            page.GetProperty("totalCount").GetInt32().Should().Be(0, query);
        }
    }

    private static string Query(params (string Name, string? Value)[] parameters) =>
        "?" + string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={p.Value}"));

    private sealed record Seeded(Guid Id, string Organization, string Status, DateTimeOffset CreatedAt);
}
