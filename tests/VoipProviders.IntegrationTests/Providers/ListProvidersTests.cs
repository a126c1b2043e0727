using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Providers;

public sealed class ListProvidersTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task An_organization_without_providers_gets_an_empty_page()
    {
        await ConnectAsync(OrgB);

        using var response = await ListProvidersAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await ReadJsonAsync(response);
        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("totalCount").GetInt32().Should().Be(0);
        page.GetProperty("skip").GetInt32().Should().Be(0);
        page.GetProperty("take").GetInt32().Should().Be(20, "take defaults to 20");
    }

    [Fact]
    public async Task The_list_holds_only_the_callers_providers_newest_first_with_every_twilio_field()
    {
        var first = await NewProvider().Named("First").ConnectAsync();
        var second = await NewProvider().Named("Second").InRegion("ie1").ConnectAsync();
        await NewProvider(OrgB).Named("Other organization").ConnectAsync();
        var third = await NewProvider().Named("Third").ConnectAsync();

        using var response = await ListProvidersAsync();
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var page = JsonDocument.Parse(body).RootElement;
        page.GetProperty("totalCount").GetInt32().Should().Be(3);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetGuid()).Should().Equal(third, second, first);
        body.Should().NotContain("Other organization");
        using var single = await GetTwilioProviderAsync(second);
        items[1].ToString().Should().Be((await ReadJsonAsync(single)).ToString(), "a list item is the provider as GET shows it");
        items[1].GetProperty("providerType").GetString().Should().Be("twilio");
        items[1].GetProperty("terminationUri").GetString().Should().EndWith(".pstn.dublin.twilio.com");
        Twilio.Requests.Should().BeEmpty("listing never calls Twilio");
    }

    [Fact]
    public async Task Skip_and_take_page_through_the_list_and_report_the_total()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await ConnectAsync());
        }

        ids.Reverse(); // newest first

        using var firstPage = await ListProvidersAsync("?skip=0&take=2");
        using var secondPage = await ListProvidersAsync("?skip=2&take=2");
        using var lastPage = await ListProvidersAsync("?skip=4&take=2");
        using var beyond = await ListProvidersAsync("?skip=10&take=2");

        (await IdsAsync(firstPage)).Should().Equal(ids[0], ids[1]);
        (await IdsAsync(secondPage)).Should().Equal(ids[2], ids[3]);
        (await IdsAsync(lastPage)).Should().Equal(ids[4]);
        var page = await ReadJsonAsync(beyond);
        Ids(page).Should().BeEmpty();
        page.GetProperty("totalCount").GetInt32().Should().Be(5);
        page.GetProperty("skip").GetInt32().Should().Be(10);
        page.GetProperty("take").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Providers_created_in_the_same_instant_are_ordered_by_id_so_pages_never_overlap()
    {
        for (var i = 0; i < 4; i++)
        {
            await ConnectAsync();
        }

        await Database.ExecuteAsync("UPDATE voip_providers.twilio_providers SET created_at = '2026-11-26T10:00:00Z'");

        using var all = await ListProvidersAsync("?take=4");
        using var firstHalf = await ListProvidersAsync("?take=2");
        using var secondHalf = await ListProvidersAsync("?skip=2&take=2");

        var ordered = await IdsAsync(all);
        ordered.Select(id => id.ToString("N")).Should().BeInDescendingOrder(StringComparer.Ordinal, "ties on createdAt break on the id, newest (largest v7) first");
        (await IdsAsync(firstHalf)).Concat(await IdsAsync(secondHalf)).Should().Equal(ordered);
    }

    [Fact]
    public async Task The_filters_narrow_the_list_and_the_total()
    {
        var failed = await ConnectAsync();
        var pending = await ConnectAsync();
        await Database.ExecuteAsync($"UPDATE voip_providers.twilio_providers SET verification_status = 'failed' WHERE id = '{failed}'");

        using var onlyFailed = await ListProvidersAsync("?verificationStatus=failed");
        using var onlyPending = await ListProvidersAsync("?verificationStatus=pending&providerType=twilio");
        using var onlyVerified = await ListProvidersAsync("?verificationStatus=verified");

        var failedPage = await ReadJsonAsync(onlyFailed);
        Ids(failedPage).Should().Equal(failed);
        failedPage.GetProperty("totalCount").GetInt32().Should().Be(1);
        (await IdsAsync(onlyPending)).Should().Equal(pending);
        (await IdsAsync(onlyVerified)).Should().BeEmpty();
    }

    public static TheoryData<string, string> InvalidQueries => new()
    {
        { "?skip=-1", "skip" },
        { "?take=0", "take" },
        { "?take=1001", "take" },
        { "?take=-5", "take" },
        { "?skip=abc", "skip" },
        { "?take=1.5", "take" },
        { "?providerType=vonage", "providerType" },
        { "?providerType=Twilio", "providerType" },
        { "?verificationStatus=broken", "verificationStatus" },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public async Task An_out_of_range_or_unknown_parameter_answers_400_naming_it(string query, string parameter)
    {
        await ConnectAsync();

        using var response = await ListProvidersAsync(query);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().Should().Be("validation_failed");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(parameter);
    }

    [Fact]
    public async Task Take_may_be_as_large_as_1000()
    {
        await ConnectAsync();

        using var response = await ListProvidersAsync("?take=1000");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(response)).GetProperty("take").GetInt32().Should().Be(1000);
    }

    private static async Task<List<Guid>> IdsAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return Ids(await ReadJsonAsync(response));
    }

    private static List<Guid> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
}
