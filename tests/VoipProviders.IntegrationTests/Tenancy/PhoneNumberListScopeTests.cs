using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Tenancy;

/// <summary>
/// The imported-number reads with two organizations holding numbers that match the same searches:
/// <c>GET /api/v1/phone-numbers</c> with every combination of <c>providerId</c> (own, other organization's, unknown) and
/// <c>phoneNumber</c> (matching both organizations, only the other, only the caller) and every kind of page lists and counts
/// only the caller's numbers; <c>GET /api/v1/phone-numbers/{id}</c> and a provider's
/// <c>…/phone-numbers</c> answer the caller's own and 404 for the other organization's.
/// </summary>
public sealed class PhoneNumberListScopeTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string?[] Searches = [null, "+1415", "+44", "5550102", "0103", "+1999"];
    private static readonly (int Skip, int Take)[] Pages = [(0, 1000), (0, 1), (1, 2), (50, 10)];

    [Fact]
    public async Task Every_filter_combination_lists_and_counts_only_the_callers_numbers()
    {
        var (numbers, providers) = await SeedAsync();
        var unknownProvider = Guid.CreateVersion7();

        var expect = new PageExpectations(ClientFor);
        foreach (var caller in new[] { OrgA, OrgB })
        {
            foreach (var provider in providers.Select(p => (Guid?)p.Id).Append(unknownProvider).Prepend(null))
            {
                foreach (var search in Searches)
                {
                    foreach (var (skip, take) in Pages)
                    {
                        var query = "?" + string.Join('&', new[]
                        {
                            provider is { } p ? $"providerId={p}" : null,
                            search is { } s ? $"phoneNumber={Uri.EscapeDataString(s)}" : null,
                            $"skip={skip}",
                            $"take={take}",
                        }.Where(part => part is not null));
                        var matching = numbers
                            .Where(n => n.Organization == caller && (provider is null || n.ProviderId == provider) && (search is null || n.Number.Contains(search, StringComparison.Ordinal)))
                            .OrderBy(n => n.Number, StringComparer.Ordinal)
                            .ToList();
                        expect.Page(caller, $"/api/v1/phone-numbers{query}", matching.Skip(skip).Take(take).Select(n => n.Id), matching.Count);
                    }
                }
            }
        }

        (await expect.MismatchesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_number_or_a_providers_numbers_answer_only_their_own_organization()
    {
        var (numbers, providers) = await SeedAsync();

        var expect = new PageExpectations(ClientFor);
        foreach (var caller in new[] { OrgA, OrgB })
        {
            foreach (var number in numbers)
            {
                var path = $"/api/v1/phone-numbers/{number.Id}";
                if (number.Organization == caller)
                {
                    await ExpectNumberAsync(caller, path, number.Id);
                }
                else
                {
                    expect.NotFound(caller, path);
                }
            }

            foreach (var provider in providers)
            {
                var path = $"{TwilioProvidersPath}/{provider.Id}/phone-numbers";
                if (provider.Organization != caller)
                {
                    expect.NotFound(caller, path);
                    expect.NotFound(caller, $"{path}?skip=50&take=10");
                    continue;
                }

                var ofProvider = numbers.Where(n => n.ProviderId == provider.Id).OrderBy(n => n.Number, StringComparer.Ordinal).Select(n => n.Id).ToList();
                expect.Page(caller, $"{path}?take=1000", ofProvider, ofProvider.Count);
                expect.Page(caller, $"{path}?skip=1&take=1", ofProvider.Skip(1).Take(1), ofProvider.Count);
                expect.Page(caller, $"{path}?skip=50&take=10", [], ofProvider.Count);
            }
        }

        (await expect.MismatchesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_provider_without_numbers_and_a_search_without_a_match_are_empty_pages_with_totalCount_0()
    {
        var empty = await ConnectAsync(OrgA);
        await SeedAsync();

        foreach (var path in new[]
        {
            $"{TwilioProvidersPath}/{empty}/phone-numbers",
            $"{TwilioProvidersPath}/{empty}/phone-numbers?skip=3&take=1",
            $"/api/v1/phone-numbers?providerId={empty}",
            "/api/v1/phone-numbers?phoneNumber=%2B1999",
            "/api/v1/phone-numbers?phoneNumber=5550102&skip=2",
        })
        {
            using var response = await ClientFor(OrgA).GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            var page = JsonDocument.Parse(body).RootElement;
            page.GetProperty("items").GetArrayLength().Should().Be(0, path);
            page.GetProperty("totalCount").GetInt32().Should().Be(0, path);
        }
    }

    [Fact]
    public async Task A_number_row_of_another_organization_is_neither_listed_nor_read_nor_removed_through_the_callers_provider()
    {
        var id = await ConnectAsync(OrgA);
        var rows = new TenantRows(Fixture.ConnectionString);
        var own = await rows.NumberAsync(id, OrgA, "+14155550101");
        // A row of the caller's provider that says it belongs to another organization (it cannot be made through the
        // API): the organization filter of the number reads keeps it out, whatever the provider check let through.
        var foreign = await rows.NumberAsync(id, OrgB, "+14155550102");

        var expect = new PageExpectations(ClientFor);
        expect.Page(OrgA, $"{TwilioProvidersPath}/{id}/phone-numbers", [own], 1);
        expect.Page(OrgA, $"/api/v1/phone-numbers?providerId={id}", [own], 1);
        expect.Page(OrgA, "/api/v1/phone-numbers?phoneNumber=5550102", [], 0);
        expect.NotFound(OrgA, $"/api/v1/phone-numbers/{foreign}");
        (await expect.MismatchesAsync()).Should().BeEmpty();

        using var removal = await RemoveNumberAsync(id, foreign);

        removal.StatusCode.Should().Be(HttpStatusCode.NotFound, await removal.Content.ReadAsStringAsync());
        Twilio.Requests.Should().BeEmpty("nothing is detached for a number the caller does not have");
        (await Database.CountImportedNumbersAsync()).Should().Be(2);
    }

    /// <summary>
    /// Two providers of the caller (<see cref="IntegrationTest.OrgA"/>) and one of <see cref="IntegrationTest.OrgB"/>, with
    /// numbers interleaved in number order so any number of the other organization would show up in every search and page.
    /// </summary>
    private async Task<(List<SeededNumber> Numbers, List<(Guid Id, string Organization)> Providers)> SeedAsync()
    {
        var rows = new TenantRows(Fixture.ConnectionString);
        var firstOfA = await ConnectAsync(OrgA);
        var secondOfA = await rows.CopyProviderAsync(firstOfA, OrgA, "verified", DateTimeOffset.UtcNow);
        var ofB = await rows.CopyProviderAsync(firstOfA, OrgB, "verified", DateTimeOffset.UtcNow);
        (Guid Provider, string Organization, string Number)[] seeded =
        [
            (firstOfA, OrgA, "+14155550101"),
            (firstOfA, OrgA, "+14155550103"),
            (secondOfA, OrgA, "+442071838750"),
            (ofB, OrgB, "+14155550102"),
            (ofB, OrgB, "+14155550104"),
            (ofB, OrgB, "+442071838751"),
        ];
        var numbers = new List<SeededNumber>();
        foreach (var (provider, organization, number) in seeded)
        {
            numbers.Add(new SeededNumber(await rows.NumberAsync(provider, organization, number), provider, organization, number));
        }

        return (numbers, [(firstOfA, OrgA), (secondOfA, OrgA), (ofB, OrgB)]);
    }

    /// <summary>The caller's own number answers 200 with itself.</summary>
    private async Task ExpectNumberAsync(string caller, string path, Guid id)
    {
        using var response = await ClientFor(caller).GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{caller} {path}: {body}");
        JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid().Should().Be(id);
    }

    private sealed record SeededNumber(Guid Id, Guid ProviderId, string Organization, string Number);
}
