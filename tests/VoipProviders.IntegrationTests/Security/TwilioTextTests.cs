using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Security;

/// <summary>
/// Text Twilio sends is stored and shown as clean display text (issue #22): the characters a user may type into a name,
/// cut between whole graphemes. Before, a friendly name with a NUL, or an emoji cut in half by the length limit, made
/// PostgreSQL refuse the row — a 500 after every Twilio call of the connect or the import had been made.
/// </summary>
public sealed class TwilioTextTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>A thumb (fits before the limit) with its skin tone (does not): one grapheme of four UTF-16 units.</summary>
    private const string ThumbsUpMediumSkinTone = "\U0001F44D\U0001F3FD";

    [Fact]
    public async Task A_connect_takes_the_accounts_friendly_name_clean_and_cut_on_a_whole_grapheme()
    {
        // Cleaned, the text before the emoji is 97 units: the thumb ends at 99, its skin tone passes the 100 limit.
        var account = Twilio.AddAccount("Acme\u0000 Voice\u202E " + new string('x', 86) + ThumbsUpMediumSkinTone + " tail");
        var expected = "Acme Voice " + new string('x', 86);

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = account.AuthToken });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        JsonDocument.Parse(body).RootElement.GetProperty("name").GetString().Should().Be(expected);
        (await Database.ColumnAsync(id, "name")).Should().Be(expected);
        Twilio.Trunks.Should().ContainSingle("the connect went through");
    }

    [Fact]
    public async Task An_import_stores_the_numbers_friendly_name_clean_and_cut_on_a_whole_grapheme_and_the_listing_shows_the_same()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        // Cleaned, the text before the emoji is 61 units: the thumb ends at 63, its skin tone passes the 64 limit.
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101", "Main\u0000 line\u202E " + new string('y', 51) + ThumbsUpMediumSkinTone + " desk");
        var expected = "Main line " + new string('y', 51);

        using var available = await ListAvailableNumbersAsync(id);
        using var response = await ImportNumbersAsync(id, [number.Sid]);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var imported = JsonDocument.Parse(body).RootElement.GetProperty("imported").EnumerateArray().Should().ContainSingle().Subject;
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().ContainSingle();
        using var read = await ClientFor().GetAsync($"/api/v1/phone-numbers/{imported.GetProperty("id").GetGuid()}");
        (await ReadJsonAsync(read)).GetProperty("friendlyName").GetString().Should().Be(expected);
        available.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(available)).GetProperty("items").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("friendlyName").GetString().Should().Be(expected, "the listing shows what an import stores");
    }
}
