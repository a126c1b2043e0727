using System.Net;
using System.Text.Json;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

public sealed class PhoneNumberListTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_organizations_numbers_are_listed_by_number_filtered_by_provider_and_number_and_paged()
    {
        var first = NewProvider();
        var firstId = await first.ConnectAsync();
        var second = NewProvider();
        var secondId = await second.ConnectAsync();
        var mine = NewProvider(OrgB);
        var otherOrganization = await mine.ConnectAsync();
        await ImportAllAsync(firstId, Twilio.AddIncomingPhoneNumber(first.Account.Sid, "+14155550103").Sid, Twilio.AddIncomingPhoneNumber(first.Account.Sid, "+14155550101").Sid);
        await ImportAllAsync(secondId, Twilio.AddIncomingPhoneNumber(second.Account.Sid, "+442071838750").Sid);
        await ImportAllAsync(OrgB, otherOrganization, Twilio.AddIncomingPhoneNumber(mine.Account.Sid, "+14155550102").Sid);

        var all = await PageAsync("/api/v1/phone-numbers");
        var ofFirst = await PageAsync($"/api/v1/phone-numbers?providerId={firstId}");
        var matching = await PageAsync("/api/v1/phone-numbers?phoneNumber=%2B44");
        var paged = await PageAsync("/api/v1/phone-numbers?skip=1&take=1");
        var viaProvider = await PageAsync($"{TwilioProvidersPath}/{firstId}/phone-numbers");

        Numbers(all).Should().Equal("+14155550101", "+14155550103", "+442071838750");
        all.GetProperty("totalCount").GetInt32().Should().Be(3, "the other organization's number is not here");
        Numbers(ofFirst).Should().Equal("+14155550101", "+14155550103");
        Numbers(matching).Should().Equal("+442071838750");
        Numbers(paged).Should().Equal("+14155550103");
        paged.GetProperty("totalCount").GetInt32().Should().Be(3);
        Numbers(viaProvider).Should().Equal(Numbers(ofFirst));
        var item = all.GetProperty("items")[2];
        item.GetProperty("providerId").GetGuid().Should().Be(secondId);
        item.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "providerId", "providerType", "phoneNumberSid", "phoneNumber", "friendlyName", "capabilities", "createdAt");
        Twilio.Requests.Should().BeEmpty("the imported numbers are ours to list");
    }

    [Fact]
    public async Task Another_organizations_number_or_provider_answers_404()
    {
        var provider = NewProvider(OrgA);
        var id = await provider.ConnectAsync();
        var numberId = (await ImportAllAsync(id, Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101").Sid)).Single();

        using var number = await ClientFor(OrgB).GetAsync($"/api/v1/phone-numbers/{numberId}");
        using var providerNumbers = await ClientFor(OrgB).GetAsync($"{TwilioProvidersPath}/{id}/phone-numbers");
        using var filtered = await ClientFor(OrgB).GetAsync($"/api/v1/phone-numbers?providerId={id}");

        number.StatusCode.Should().Be(HttpStatusCode.NotFound);
        providerNumbers.StatusCode.Should().Be(HttpStatusCode.NotFound);
        filtered.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(filtered)).GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Theory]
    [InlineData("/api/v1/phone-numbers?take=0", "take")]
    [InlineData("/api/v1/phone-numbers?skip=-1", "skip")]
    [InlineData("/api/v1/phone-numbers?providerId=nope", "providerId")]
    [InlineData("/api/v1/phone-numbers?phoneNumber=abc", "phoneNumber")]
    [InlineData("/api/v1/phone-numbers/not-a-uuid", "id")]
    public async Task Bad_parameters_answer_400_naming_them(string path, string parameter)
    {
        using var response = await ClientFor().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(parameter);
    }

    [Fact]
    public async Task Deleting_a_provider_removes_its_numbers_tells_other_modules_and_detaches_them_before_the_trunk_goes()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var a = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var b = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550102");
        var ids = await ImportAllAsync(id, a.Sid, b.Sid);
        var trunkSid = Twilio.Trunks.Single().Sid;

        using var response = await DeleteAsync(id);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Database.CountImportedNumbersAsync()).Should().Be(0, "the numbers go in the same commit");
        var removed = await Agents.WaitForEventAsync<PhoneNumberRemoved>(e => e.ProviderId == id, count: 2);
        removed.Should().HaveCount(2).And.OnlyContain(e => e.WithProvider && !e.Forced);
        removed.Select(e => e.PhoneNumber.PhoneNumberId).Should().BeEquivalentTo(ids);
        await EventuallyAsync(async () => Twilio.Trunks.Count == 0 && await Database.CountCleanupsAsync() == 0, "the clean-up finished");
        Twilio.Requests.Select(r => r.Operation).Should().Equal(
            TwilioOperation.DetachPhoneNumber, TwilioOperation.DetachPhoneNumber, TwilioOperation.DeleteTrunk, TwilioOperation.DeleteCredentialList);
        Twilio.RequestsFor(TwilioOperation.DetachPhoneNumber).Select(r => r.Path)
            .Should().BeEquivalentTo([$"/v1/Trunks/{trunkSid}/PhoneNumbers/{a.Sid}", $"/v1/Trunks/{trunkSid}/PhoneNumbers/{b.Sid}"]);
        Twilio.PhoneNumbers.Should().HaveCount(2).And.OnlyContain(n => n.TrunkSid == null, "the numbers stay in the account, detached");
    }

    private async Task<JsonElement> PageAsync(string path)
    {
        using var response = await ClientFor().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<string?> Numbers(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("phoneNumber").GetString())];
}
