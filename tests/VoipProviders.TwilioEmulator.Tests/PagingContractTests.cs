using System.Net.Http.Json;
using System.Text.Json;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Trunking.V1;
using Twilio.Types;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>The SDK's ResourceSet pages with the SYNC NextPage, so enumeration runs off the test's sync context.</summary>
public sealed class PagingContractTests : EmulatorTestBase
{
    [Fact]
    public async Task IncomingPhoneNumbers_ReadAsync_follows_relative_next_page_uris_over_all_pages()
    {
        var numbers = AddNumbers(5);
        var client = Client();

        var set = await IncomingPhoneNumberResource.ReadAsync(new ReadIncomingPhoneNumberOptions { PageSize = 2 }, client);
        var all = await Task.Run(() => set.ToList());

        all.Select(n => n.Sid).Should().Equal(numbers.Select(n => n.Sid));
        all.Select(n => n.PhoneNumber.ToString()).Should().Equal(numbers.Select(n => n.PhoneNumber));
        all[0].FriendlyName.Should().Be("(415) 555-0000");
        all[0].TrunkSid.Should().BeNull();
        var pages = State.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers);
        pages.Should().HaveCount(3).And.OnlyContain(r => r.ResponseStatus == 200 && r.OriginalHost == "api.twilio.com");
        pages[0].Query.Should().Be("?PageSize=2");
        pages[1].Query.Should().Be($"?PageSize=2&Page=1&PageToken=PA{numbers[1].Sid}");
        pages[2].Query.Should().Be($"?PageSize=2&Page=2&PageToken=PA{numbers[3].Sid}");
    }

    [Fact]
    public async Task IncomingPhoneNumbers_ReadAsync_filters_by_phone_number()
    {
        var numbers = AddNumbers(3);

        var set = await IncomingPhoneNumberResource.ReadAsync(
            new ReadIncomingPhoneNumberOptions { PhoneNumber = new PhoneNumber(numbers[1].PhoneNumber) }, Client());

        set.Should().ContainSingle().Which.Sid.Should().Be(numbers[1].Sid);
    }

    [Theory]
    [InlineData("+1415555000", new[] { 0, 1, 2 })]
    [InlineData("5550001", new[] { 1 })]
    [InlineData("555000*", new[] { 0, 1, 2 })]
    [InlineData("+1415*5*0002", new[] { 2 })]
    [InlineData("+1212", new int[0])]
    public async Task IncomingPhoneNumbers_PhoneNumber_filter_takes_a_partial_number_with_star_for_any_digit(string filter, int[] expected)
    {
        // twilio-oai api.v2010 ListIncomingPhoneNumber: "You can specify partial numbers and use '*' as a wildcard for any digit."
        var numbers = AddNumbers(3);

        var page = await RawClient().GetFromJsonAsync<JsonElement>(
            $"/2010-04-01/Accounts/{Account.Sid}/IncomingPhoneNumbers.json?PhoneNumber={Uri.EscapeDataString(filter)}");

        page.GetProperty("incoming_phone_numbers").EnumerateArray().Select(n => n.GetProperty("sid").GetString())
            .Should().Equal(expected.Select(i => numbers[i].Sid));
    }

    [Fact]
    public async Task IncomingPhoneNumbers_next_page_uris_carry_the_PhoneNumber_filter()
    {
        var numbers = AddNumbers(5);
        State.AddIncomingPhoneNumber(Account.Sid, "+12125550100");

        var set = await IncomingPhoneNumberResource.ReadAsync(
            new ReadIncomingPhoneNumberOptions { PhoneNumber = new PhoneNumber("+1415"), PageSize = 2 }, Client());
        var all = await Task.Run(() => set.ToList());

        all.Select(n => n.Sid).Should().Equal(numbers.Select(n => n.Sid));
        State.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Skip(1).Should().OnlyContain(r => r.Query.Contains("PhoneNumber=%2B1415"));
    }

    [Fact]
    public async Task A_next_page_link_set_by_the_test_replaces_Twilios_in_v2010_and_v1_lists_until_cleared()
    {
        AddNumbers(1);
        var client = RawClient();
        await TrunkResource.CreateAsync(friendlyName: "one", client: Client());
        State.SetNextPageLink(TwilioOperation.ListIncomingPhoneNumbers, "@elsewhere.example/next.json");
        State.SetNextPageLink(TwilioOperation.ListTrunks, "https://elsewhere.example/v1/Trunks?Page=1");

        var numbers = await client.GetFromJsonAsync<JsonElement>($"/2010-04-01/Accounts/{Account.Sid}/IncomingPhoneNumbers.json");
        var trunks = await client.GetFromJsonAsync<JsonElement>("/v1/Trunks");
        State.SetNextPageLink(TwilioOperation.ListIncomingPhoneNumbers, null);
        var restored = await client.GetFromJsonAsync<JsonElement>($"/2010-04-01/Accounts/{Account.Sid}/IncomingPhoneNumbers.json");

        numbers.GetProperty("next_page_uri").GetString().Should().Be("@elsewhere.example/next.json");
        numbers.GetProperty("incoming_phone_numbers").GetArrayLength().Should().Be(1, "only the link changes");
        trunks.GetProperty("meta").GetProperty("next_page_url").GetString().Should().Be("https://elsewhere.example/v1/Trunks?Page=1");
        restored.GetProperty("next_page_uri").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Trunks_ReadAsync_follows_absolute_meta_next_page_urls()
    {
        var client = Client();
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await TrunkResource.CreateAsync(friendlyName: $"trunk-{i}", client: client)).Sid);
        }

        var set = await TrunkResource.ReadAsync(new ReadTrunkOptions { PageSize = 2 }, client);
        var all = await Task.Run(() => set.ToList());

        all.Select(t => t.Sid).Should().Equal(created);
        var pages = State.RequestsFor(TwilioOperation.ListTrunks);
        pages.Should().HaveCount(2);
        pages[1].OriginalHost.Should().Be("trunking.twilio.com");
        pages[1].Query.Should().Be($"?PageSize=2&Page=1&PageToken=PA{created[1]}");
    }

    [Fact]
    public async Task Trunks_are_listed_per_account()
    {
        var other = State.AddAccount("Other");
        await TrunkResource.CreateAsync(friendlyName: "theirs", client: Client(other));
        var mine = await TrunkResource.CreateAsync(friendlyName: "mine", client: Client());

        var set = await TrunkResource.ReadAsync(client: Client());

        set.Should().ContainSingle().Which.Sid.Should().Be(mine.Sid);
    }
}
