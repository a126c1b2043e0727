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
