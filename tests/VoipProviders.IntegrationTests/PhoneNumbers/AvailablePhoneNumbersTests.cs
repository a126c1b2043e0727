using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

public sealed class AvailablePhoneNumbersTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>The cache's log record of a caller that joined a listing in flight (AvailablePhoneNumbersLog.JoinedListing).</summary>
    private const int JoinedListingEvent = 2350;

    private void AddNumbers(EmulatedAccount account, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Twilio.AddIncomingPhoneNumber(account.Sid, "+1415" + (5_000_000 + i).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The first number <c>available-numbers</c> lists for the provider.</summary>
    private async Task<JsonElement> ListedAsync(Guid providerId)
    {
        using var response = await ListAvailableNumbersAsync(providerId);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await ReadJsonAsync(response)).GetProperty("items")[0];
    }

    [Fact]
    public async Task The_account_numbers_are_listed_ordered_by_number_with_their_import_state()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var second = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550102", "Support");
        var first = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var third = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+442071838750");
        var importedId = (await ImportAllAsync(id, second.Sid)).Single();

        using var response = await ListAvailableNumbersAsync(id);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var page = JsonDocument.Parse(body).RootElement;
        page.GetProperty("totalCount").GetInt32().Should().Be(3);
        page.GetProperty("take").GetInt32().Should().Be(50, "take defaults to 50 here");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("phoneNumber").GetString()).Should().Equal("+14155550101", "+14155550102", "+442071838750");
        items[0].GetProperty("phoneNumberSid").GetString().Should().Be(first.Sid);
        items[0].GetProperty("friendlyName").GetString().Should().Be("(415) 555-0101");
        items[0].GetProperty("capabilities").GetProperty("voice").GetBoolean().Should().BeTrue();
        items[0].GetProperty("imported").GetBoolean().Should().BeFalse();
        items[0].GetProperty("importedPhoneNumberId").ValueKind.Should().Be(JsonValueKind.Null);
        items[0].GetProperty("trunkSid").ValueKind.Should().Be(JsonValueKind.Null);
        items[1].GetProperty("imported").GetBoolean().Should().BeTrue();
        items[1].GetProperty("importedPhoneNumberId").GetGuid().Should().Be(importedId);
        items[1].GetProperty("trunkSid").GetString().Should().Be(Twilio.Trunks.Single().Sid);
        items[2].GetProperty("phoneNumberSid").GetString().Should().Be(third.Sid);
        var call = Twilio.Requests.Should().ContainSingle().Subject;
        call.Operation.Should().Be(TwilioOperation.ListIncomingPhoneNumbers);
        call.AuthUser.Should().Be(provider.Account.Sid);
        call.Query.Should().Contain("PageSize=1000");
        await AssertSecretsNotLeakedAsync([provider.Account.AuthToken], provider.Account.Sid, body);
    }

    [Fact]
    public async Task Every_Twilio_page_is_read_once_and_further_pages_and_searches_are_answered_from_that_listing()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        AddNumbers(provider.Account, 1500);

        using var page = await ListAvailableNumbersAsync(id, "?skip=1000&take=3");
        using var filtered = await ListAvailableNumbersAsync(id, "?phoneNumber=5001499");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await ReadJsonAsync(page);
        body.GetProperty("totalCount").GetInt32().Should().Be(1500);
        body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("phoneNumber").GetString())
            .Should().Equal("+14155001000", "+14155001001", "+14155001002");
        var filteredBody = await ReadJsonAsync(filtered);
        filteredBody.GetProperty("totalCount").GetInt32().Should().Be(1);
        filteredBody.GetProperty("items")[0].GetProperty("phoneNumber").GetString().Should().Be("+14155001499");
        var listCalls = Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers);
        listCalls.Should().HaveCount(2, "the account's two pages of 1000 are read once; the search is answered from that listing");
        listCalls[1].Query.Should().Contain("PageToken=").And.Contain("Page=1");
    }

    [Fact]
    public async Task A_search_with_no_listing_kept_asks_Twilio_to_filter_by_the_number()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        AddNumbers(provider.Account, 1500);

        using var filtered = await ListAvailableNumbersAsync(id, "?phoneNumber=%2B14155001499");

        var body = await ReadJsonAsync(filtered);
        body.GetProperty("totalCount").GetInt32().Should().Be(1);
        body.GetProperty("items")[0].GetProperty("phoneNumber").GetString().Should().Be("+14155001499");
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().ContainSingle("Twilio filters: one page instead of two")
            .Which.Query.Should().Contain("PhoneNumber=%2B14155001499");
    }

    [Fact]
    public async Task Concurrent_callers_of_a_provider_share_one_Twilio_listing_and_later_ones_are_answered_from_it()
    {
        const int Callers = 6;
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        AddNumbers(provider.Account, 1500);
        var firstPage = Twilio.Hold(TwilioOperation.ListIncomingPhoneNumbers, TimeSpan.FromMinutes(1));

        var first = ListAvailableNumbersAsync(id, "?take=1");
        await firstPage.WhenHeldAsync();
        var others = Enumerable.Range(1, Callers - 1).Select(i => ListAvailableNumbersAsync(id, $"?skip={i}&take=1")).ToList();
        // Each of them reaches the listing in flight while Twilio's first page is held.
        await EventuallyAsync(
            () => Task.FromResult(Fixture.Logs.GetSnapshot().Count(r => r.Id.Id == JoinedListingEvent) == Callers - 1),
            $"the other {Callers - 1} callers joined the listing in flight");
        firstPage.Release();
        var responses = await Task.WhenAll(others.Prepend(first));

        for (var i = 0; i < Callers; i++)
        {
            responses[i].StatusCode.Should().Be(HttpStatusCode.OK);
            var body = await ReadJsonAsync(responses[i]);
            body.GetProperty("totalCount").GetInt32().Should().Be(1500);
            body.GetProperty("items")[0].GetProperty("phoneNumber").GetString().Should().Be("+1415" + (5_000_000 + i).ToString(CultureInfo.InvariantCulture));
            responses[i].Dispose();
        }

        using var later = await ListAvailableNumbersAsync(id);
        later.StatusCode.Should().Be(HttpStatusCode.OK);
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().HaveCount(2, $"{Callers + 1} callers cost one listing of two pages");
    }

    [Fact]
    public async Task An_import_drops_the_kept_listing_so_the_next_one_shows_the_number_on_the_trunk()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        (await ListedAsync(id)).GetProperty("imported").GetBoolean().Should().BeFalse();
        (await ListedAsync(id)).GetProperty("trunkSid").ValueKind.Should().Be(JsonValueKind.Null);
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().ContainSingle("the second listing is the kept one");

        var importedId = (await ImportAllAsync(id, number.Sid)).Single();
        var listed = await ListedAsync(id);

        listed.GetProperty("imported").GetBoolean().Should().BeTrue();
        listed.GetProperty("importedPhoneNumberId").GetGuid().Should().Be(importedId);
        listed.GetProperty("trunkSid").GetString().Should().Be(Twilio.Trunks.Single().Sid, "Twilio is read again after the import");
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().ContainSingle();
    }

    [Fact]
    public async Task A_removal_drops_the_kept_listing_so_the_next_one_shows_the_number_off_the_trunk()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var importedId = (await ImportAllAsync(id, number.Sid)).Single();
        (await ListedAsync(id)).GetProperty("trunkSid").GetString().Should().Be(Twilio.Trunks.Single().Sid);
        await ListedAsync(id);
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().ContainSingle("the second listing is the kept one");
        Twilio.ClearRequests();

        using (var removed = await RemoveNumberAsync(id, importedId))
        {
            removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var listed = await ListedAsync(id);
        listed.GetProperty("imported").GetBoolean().Should().BeFalse();
        listed.GetProperty("trunkSid").ValueKind.Should().Be(JsonValueKind.Null, "Twilio is read again after the removal");
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().ContainSingle();
    }

    [Fact]
    public async Task After_an_Auth_Token_rotation_the_account_is_read_again_with_the_new_token()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        await ListedAsync(id);
        await ListedAsync(id);
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().ContainSingle("the second listing is the kept one");
        var newToken = NewToken();
        Twilio.SetAuthToken(provider.Account.Sid, newToken);
        using (var rotated = await RotateAsync(id, new { authToken = newToken }))
        {
            rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        Twilio.ClearRequests();
        await ListedAsync(id);

        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().ContainSingle("a new token is a new version of the provider")
            .Which.Authenticated.Should().BeTrue();
    }

    [Fact]
    public async Task Reads_that_call_Twilio_are_limited_per_organization_with_a_bounded_queue_and_answer_429_with_Retry_After()
    {
        var providerOfA = NewProvider(OrgA);
        var idOfA = await providerOfA.ConnectAsync();
        var providerOfB = NewProvider(OrgB);
        var idOfB = await providerOfB.ConnectAsync();
        await using var host = await Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["RateLimiting:TwilioReadsPerMinutePerOrganization"] = "3",
            ["RateLimiting:ConcurrentTwilioReadsPerOrganization"] = "1",
            ["RateLimiting:TwilioReadQueueLimitPerOrganization"] = "1",
            ["Twilio:NumberListCacheSeconds"] = "45",
            ["BackgroundJobs:Enabled"] = "false",
        });
        host.Services.GetRequiredService<IOptions<AvailablePhoneNumberListOptions>>().Value.NumberListCacheSeconds
            .Should().Be(45, "the cache takes its period from Twilio:NumberListCacheSeconds");
        using var orgA = host.ClientFor(OrgA);
        using var orgB = host.ClientFor(OrgB);
        var path = $"{TwilioProvidersPath}/{{0}}/available-numbers";

        // Organization A: one read running (its Twilio page held), one waiting, the next refused at once.
        var held = Twilio.Hold(TwilioOperation.ListIncomingPhoneNumbers, TimeSpan.FromMinutes(1));
        var running = orgA.GetAsync(string.Format(CultureInfo.InvariantCulture, path, idOfA));
        await held.WhenHeldAsync();
        var second = orgA.GetAsync(string.Format(CultureInfo.InvariantCulture, path, idOfA));
        var third = orgA.GetAsync(string.Format(CultureInfo.InvariantCulture, path, idOfA));
        var refusedFirst = await Task.WhenAny(second, third);
        var queued = refusedFirst == second ? third : second;
        using (var refused = await refusedFirst)
        {
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
            refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
            problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(1);
            problem.GetProperty("detail").GetString().Should().Contain("read from Twilio");
        }

        queued.IsCompleted.Should().BeFalse("one read may wait while another runs");
        using (var otherRead = await orgA.GetAsync(ProvidersPath))
        {
            otherRead.StatusCode.Should().Be(HttpStatusCode.OK, "reads that do not call Twilio are not limited");
        }

        held.Release();
        using (var first = await running)
        using (var waited = await queued)
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
            waited.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // Organization B has its own budget: 3 a minute, then 429 until a token comes back (one every 20 s).
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await orgB.GetAsync(string.Format(CultureInfo.InvariantCulture, path, idOfB));
            allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var spent = await orgB.GetAsync(string.Format(CultureInfo.InvariantCulture, path, idOfB));
        var spentProblem = await spent.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        spent.Headers.RetryAfter!.Delta!.Value.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(20));
        spentProblem.GetProperty("retryAfterSeconds").GetInt32().Should().Be((int)spent.Headers.RetryAfter.Delta.Value.TotalSeconds);
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Where(r => r.AuthUser == providerOfB.Account.Sid)
            .Should().ContainSingle("a refused read never reaches Twilio, and the allowed ones shared one listing");
    }

    [Theory]
    [InlineData("Twilio:NumberListCacheSeconds", "-1")]
    [InlineData("Twilio:NumberListCacheMaxNumbers", "many")]
    [InlineData("Twilio:MaxListPages", "0")]
    [InlineData("RateLimiting:TwilioReadsPerMinutePerOrganization", "-1")]
    [InlineData("RateLimiting:ConcurrentTwilioReadsPerOrganization", "lots")]
    [InlineData("RateLimiting:TwilioReadQueueLimitPerOrganization", "-1")]
    public void A_listing_or_read_limit_setting_out_of_range_stops_the_host_naming_it(string setting, string value)
    {
        var failure = HostStart.FailureOf(Fixture, new Dictionary<string, string> { [setting] = value });

        failure.Should().Contain(setting.Split(':')[1]);
    }

    [Theory]
    [InlineData("?take=0", "take")]
    [InlineData("?take=1001", "take")]
    [InlineData("?skip=-1", "skip")]
    [InlineData("?phoneNumber=415-555", "phoneNumber")]
    [InlineData("?phoneNumber=%2B%2B1", "phoneNumber")]
    [InlineData("?take=lots", "take")]
    public async Task Bad_parameters_answer_400_naming_them_without_calling_Twilio(string query, string parameter)
    {
        var id = await ConnectAsync();

        using var response = await ListAvailableNumbersAsync(id, query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(parameter);
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Another_organizations_provider_answers_404_without_calling_Twilio()
    {
        var id = await ConnectAsync(OrgA);

        using var response = await ListAvailableNumbersAsync(id, organizationId: OrgB);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Twilio.Requests.Should().BeEmpty();
    }

    public static TheoryData<string, int, Action<TwilioEmulatorState, EmulatedAccount>> TwilioFailures => new()
    {
        { "twilio_credentials_rejected", 422, (twilio, account) => twilio.SetAuthToken(account.Sid, "fedcba9876543210fedcba9876543210") },
        { "twilio_unavailable", 502, (twilio, _) => twilio.EnqueueFaults(TwilioOperation.ListIncomingPhoneNumbers, [.. Enumerable.Repeat(EmulatedFault.Http(500), VoipProvidersApiFactory.MaxRetryAttempts + 1)]) },
        { "twilio_rate_limited", 503, (twilio, _) => twilio.EnqueueFaults(TwilioOperation.ListIncomingPhoneNumbers, EmulatedFault.RateLimited(retryAfter: "30")) },
    };

    [Theory]
    [MemberData(nameof(TwilioFailures))]
    public async Task Twilio_failures_map_as_for_the_rotation(string code, int status, Action<TwilioEmulatorState, EmulatedAccount> arrange)
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        arrange(Twilio, provider.Account);

        using var response = await ListAvailableNumbersAsync(id);
        var body = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(status, body);
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().Should().Be(code);
        await AssertSecretsNotLeakedAsync([provider.Account.AuthToken], provider.Account.Sid, body);
    }
}
