using System.Globalization;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Tenancy;

/// <summary>
/// The audit trail's lists with two organizations holding records of the same actions, outcomes and moments: every
/// combination of <c>providerId</c>, <c>action</c>, <c>outcome</c>, <c>from</c> and <c>to</c>, on
/// <c>GET /api/v1/audit-events</c> and on a provider's <c>…/audit-events</c>, lists and counts only the caller's records
/// (another organization's provider is an empty page on the first, 404 on the second, deleted or not); a page beyond
/// the end is empty with the right totalCount.
/// </summary>
public sealed class AuditEventListScopeTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string AuditEventsPath = "/api/v1/audit-events";

    private static readonly DateTimeOffset Start = new(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly string?[] Actions = [null, AuditActions.ProviderConnected, AuditActions.ProviderUpdated];
    private static readonly string?[] Outcomes = [null, "succeeded", "rejected"];
    private static readonly (DateTimeOffset? From, DateTimeOffset? To)[] Windows =
        [(null, null), (Start.AddMinutes(2), null), (null, Start.AddMinutes(4)), (Start.AddMinutes(2), Start.AddMinutes(4))];

    [Fact]
    public async Task Every_filter_combination_of_the_organizations_list_shows_and_counts_only_the_callers_records()
    {
        var (records, providers) = await SeedAsync();

        var expect = new PageExpectations(ClientFor);
        foreach (var caller in new[] { OrgA, OrgB })
        {
            foreach (var provider in providers.Select(p => (Guid?)p.Id).Prepend(null))
            {
                foreach (var action in Actions)
                {
                    foreach (var outcome in Outcomes)
                    {
                        foreach (var (from, to) in Windows)
                        {
                            var matching = Matching(records, caller, provider, action, outcome, from, to);
                            var filters = Filters(("providerId", provider?.ToString()), ("action", action), ("outcome", outcome), ("from", Iso(from)), ("to", Iso(to)));
                            expect.Page(caller, $"{AuditEventsPath}?{filters}take=1000", matching, matching.Count);
                            if (action is null && outcome is null)
                            {
                                expect.Page(caller, $"{AuditEventsPath}?{filters}skip=100&take=5", [], matching.Count);
                            }
                        }
                    }
                }
            }
        }

        (await expect.MismatchesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Every_filter_combination_of_a_providers_list_shows_only_the_callers_records_and_another_organizations_provider_is_404()
    {
        var (records, providers) = await SeedAsync();

        var expect = new PageExpectations(ClientFor);
        foreach (var caller in new[] { OrgA, OrgB })
        {
            foreach (var (provider, organization) in providers)
            {
                foreach (var action in Actions)
                {
                    foreach (var outcome in Outcomes)
                    {
                        foreach (var (from, to) in Windows)
                        {
                            var path = $"{TwilioProvidersPath}/{provider}/audit-events?{Filters(("action", action), ("outcome", outcome), ("from", Iso(from)), ("to", Iso(to)))}take=1000";
                            if (organization != caller)
                            {
                                expect.NotFound(caller, path);
                                continue;
                            }

                            var matching = Matching(records, caller, provider, action, outcome, from, to);
                            expect.Page(caller, path, matching, matching.Count);
                        }
                    }
                }
            }
        }

        (await expect.MismatchesAsync()).Should().BeEmpty();
    }

    /// <summary>
    /// For each organization: a provider that still exists (connected through the API, with its own connect record) and
    /// one that is gone (only its records are left), each with records of three actions, both outcomes and five moments,
    /// the same for both organizations.
    /// </summary>
    private async Task<(List<SeededRecord> Records, List<(Guid Id, string Organization)> Providers)> SeedAsync()
    {
        var rows = new TenantRows(Fixture.ConnectionString);
        var providers = new List<(Guid Id, string Organization)>();
        foreach (var organization in new[] { OrgA, OrgB })
        {
            providers.Add((await ConnectAsync(organization), organization));
            providers.Add((Guid.CreateVersion7(), organization));
        }

        // The connects wrote records of their own, at the present moment: the test reads them with the seeded ones.
        await new Auditing.AuditRows(Fixture.ConnectionString).ExecuteAsync(
            $"DELETE FROM {Auditing.AuditRows.Table}");
        var records = new List<SeededRecord>();
        (string Action, string Outcome)[] kinds =
        [
            (AuditActions.ProviderConnected, "succeeded"),
            (AuditActions.ProviderUpdated, "succeeded"),
            (AuditActions.ProviderUpdated, "rejected"),
            (AuditActions.ProviderDeleted, "succeeded"),
            (AuditActions.ProviderConnected, "rejected"),
        ];
        var minute = 0;
        foreach (var (provider, organization) in providers)
        {
            for (var i = 0; i < kinds.Length; i++)
            {
                var (action, outcome) = kinds[(i + minute) % kinds.Length];
                var occurredAt = Start.AddMinutes(i + 1).AddSeconds(minute++);
                records.Add(new SeededRecord(await rows.AuditAsync(organization, provider, action, outcome, occurredAt), provider, organization, action, outcome, occurredAt));
            }
        }

        return (records, providers);
    }

    private static List<Guid> Matching(
        List<SeededRecord> records, string caller, Guid? provider, string? action, string? outcome, DateTimeOffset? from, DateTimeOffset? to) =>
        [.. records
            .Where(r => r.Organization == caller && (provider is null || r.ProviderId == provider) && (action is null || r.Action == action)
                && (outcome is null || r.Outcome == outcome) && (from is null || r.OccurredAt >= from) && (to is null || r.OccurredAt <= to))
            .OrderByDescending(r => r.OccurredAt)
            .Select(r => r.Id)];

    private static string Filters(params (string Name, string? Value)[] filters) =>
        string.Concat(filters.Where(f => f.Value is not null).Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value!)}&"));

    private static string? Iso(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture);

    private sealed record SeededRecord(Guid Id, Guid ProviderId, string Organization, string Action, string Outcome, DateTimeOffset OccurredAt);
}
