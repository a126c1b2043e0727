using System.Globalization;
using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

public sealed class AvailablePhoneNumbersTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
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
    public async Task Every_Twilio_page_is_read_and_the_list_is_paged_and_filtered_by_us()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        for (var i = 0; i < 1500; i++)
        {
            Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+1415" + (5_000_000 + i).ToString(CultureInfo.InvariantCulture));
        }

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
        listCalls.Should().HaveCount(4, "each listing reads the account's two pages of 1000");
        listCalls[1].Query.Should().Contain("PageToken=").And.Contain("Page=1");
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
