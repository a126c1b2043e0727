using System.Text.Json;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;
using ApiCredentialListResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialListResource;
using CredentialResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialList.CredentialResource;
using TrunkCredentialListResource = Twilio.Rest.Trunking.V1.Trunk.CredentialListResource;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>Raw JSON keys versus the property sets of the twilio-oai schemas (copied here; tests never read ../shared).</summary>
public sealed class JsonShapeContractTests : EmulatorTestBase
{
    private static readonly string[] AccountKeys =
        ["auth_token", "date_created", "date_updated", "friendly_name", "owner_account_sid", "sid", "status", "subresource_uris", "type", "uri"];

    private static readonly string[] CredentialListKeys =
        ["account_sid", "date_created", "date_updated", "friendly_name", "sid", "subresource_uris", "uri"];

    private static readonly string[] CredentialKeys =
        ["account_sid", "credential_list_sid", "date_created", "date_updated", "sid", "uri", "username"];

    private static readonly string[] IncomingPhoneNumberKeys =
    [
        "account_sid", "address_requirements", "address_sid", "api_version", "beta", "bundle_sid", "capabilities", "date_created",
        "date_updated", "emergency_address_sid", "emergency_address_status", "emergency_status", "friendly_name", "identity_sid",
        "origin", "phone_number", "sid", "sms_application_sid", "sms_fallback_method", "sms_fallback_url", "sms_method", "sms_url",
        "status", "status_callback", "status_callback_method", "trunk_sid", "type", "uri", "voice_application_sid",
        "voice_caller_id_lookup", "voice_fallback_method", "voice_fallback_url", "voice_method", "voice_receive_mode", "voice_url",
    ];

    private static readonly string[] TrunkKeys =
    [
        "account_sid", "auth_type", "auth_type_set", "cnam_lookup_enabled", "date_created", "date_updated", "disaster_recovery_method",
        "disaster_recovery_url", "domain_name", "friendly_name", "links", "recording", "secure", "sid", "symmetric_rtp_enabled",
        "transfer_caller_id", "transfer_mode", "url",
    ];

    private static readonly string[] TrunkCredentialListKeys =
        ["account_sid", "date_created", "date_updated", "friendly_name", "sid", "trunk_sid", "url"];

    private static readonly string[] TrunkPhoneNumberKeys =
    [
        "account_sid", "address_requirements", "api_version", "beta", "capabilities", "date_created", "date_updated", "friendly_name",
        "links", "phone_number", "sid", "sms_application_sid", "sms_fallback_method", "sms_fallback_url", "sms_method", "sms_url",
        "status_callback", "status_callback_method", "trunk_sid", "url", "voice_application_sid", "voice_caller_id_lookup",
        "voice_fallback_method", "voice_fallback_url", "voice_method", "voice_url",
    ];

    private static readonly string[] OriginationUrlKeys =
        ["account_sid", "date_created", "date_updated", "enabled", "friendly_name", "priority", "sid", "sip_url", "trunk_sid", "url", "weight"];

    [Fact]
    public async Task Every_resource_has_exactly_the_oai_schema_properties()
    {
        var client = Client();
        var number = AddNumbers(1)[0];
        var trunk = await TrunkResource.CreateAsync(domainName: "shape.pstn.twilio.com", client: client);
        var list = await ApiCredentialListResource.CreateAsync("shape", client: client);
        var credential = await CredentialResource.CreateAsync(list.Sid, "shape", "Sup3rSecretPassw0rd", client: client);
        await TrunkCredentialListResource.CreateAsync(trunk.Sid, list.Sid, client);
        await PhoneNumberResource.CreateAsync(trunk.Sid, number.Sid, client);
        var url = await OriginationUrlResource.CreateAsync(trunk.Sid, 1, 1, true, "shape", new Uri("sip:pbx.example.com"), client);
        var account = $"2010-04-01/Accounts/{Account.Sid}";

        (await KeysAsync($"{account}.json")).Should().BeEquivalentTo(AccountKeys);
        (await KeysAsync($"{account}/SIP/CredentialLists/{list.Sid}.json")).Should().BeEquivalentTo(CredentialListKeys);
        (await KeysAsync($"{account}/SIP/CredentialLists/{list.Sid}/Credentials/{credential.Sid}.json")).Should().BeEquivalentTo(CredentialKeys);
        (await KeysAsync($"{account}/IncomingPhoneNumbers/{number.Sid}.json")).Should().BeEquivalentTo(IncomingPhoneNumberKeys);
        (await KeysAsync($"v1/Trunks/{trunk.Sid}")).Should().BeEquivalentTo(TrunkKeys);
        (await KeysAsync($"v1/Trunks/{trunk.Sid}/CredentialLists/{list.Sid}")).Should().BeEquivalentTo(TrunkCredentialListKeys);
        (await KeysAsync($"v1/Trunks/{trunk.Sid}/PhoneNumbers/{number.Sid}")).Should().BeEquivalentTo(TrunkPhoneNumberKeys);
        (await KeysAsync($"v1/Trunks/{trunk.Sid}/OriginationUrls/{url.Sid}")).Should().BeEquivalentTo(OriginationUrlKeys);
    }

    [Fact]
    public async Task Dates_use_rfc2822_on_v2010_and_iso8601_on_trunking()
    {
        var trunk = await TrunkResource.CreateAsync(client: Client());

        using var account = await GetJsonAsync($"2010-04-01/Accounts/{Account.Sid}.json");
        using var trunkJson = await GetJsonAsync($"v1/Trunks/{trunk.Sid}");

        account.RootElement.GetProperty("date_created").GetString().Should().MatchRegex(@"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$");
        trunkJson.RootElement.GetProperty("date_created").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$");
    }

    [Fact]
    public async Task List_envelopes_have_the_paging_fields_the_sdk_reads()
    {
        AddNumbers(3);
        await TrunkResource.CreateAsync(client: Client());

        using var v2010 = await GetJsonAsync($"2010-04-01/Accounts/{Account.Sid}/IncomingPhoneNumbers.json?PageSize=2");
        using var v1 = await GetJsonAsync("v1/Trunks?PageSize=1");

        Keys(v2010.RootElement).Should().BeEquivalentTo(
            ["incoming_phone_numbers", "start", "end", "page", "page_size", "uri", "first_page_uri", "next_page_uri", "previous_page_uri"]);
        v2010.RootElement.GetProperty("next_page_uri").GetString().Should().StartWith($"/2010-04-01/Accounts/{Account.Sid}/IncomingPhoneNumbers.json?PageSize=2&Page=1&PageToken=PA");
        v2010.RootElement.GetProperty("end").GetInt32().Should().Be(1);
        Keys(v1.RootElement).Should().BeEquivalentTo(["trunks", "meta"]);
        Keys(v1.RootElement.GetProperty("meta")).Should().BeEquivalentTo(
            ["page", "page_size", "first_page_url", "previous_page_url", "url", "next_page_url", "key"]);
        v1.RootElement.GetProperty("meta").GetProperty("first_page_url").GetString().Should().Be("https://trunking.twilio.com/v1/Trunks?PageSize=1&Page=0");
        v1.RootElement.GetProperty("meta").GetProperty("next_page_url").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Errors_are_json_with_the_twilio_shape()
    {
        using var notFound = await RawClient().GetAsync(new Uri($"v1/Trunks/TK{new string('0', 32)}", UriKind.Relative));
        using var unauthorized = await RawClient(authenticate: false).GetAsync(new Uri("v1/Trunks", UriKind.Relative));

        notFound.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var notFoundJson = JsonDocument.Parse(await notFound.Content.ReadAsStringAsync());
        Keys(notFoundJson.RootElement).Should().BeEquivalentTo(["code", "message", "more_info", "status"]);
        notFoundJson.RootElement.GetProperty("message").GetString().Should().Be($"The requested resource /v1/Trunks/TK{new string('0', 32)} was not found");
        using var unauthorizedJson = JsonDocument.Parse(await unauthorized.Content.ReadAsStringAsync());
        unauthorizedJson.RootElement.GetRawText().Should().Be(
            """{"code":20003,"detail":"","message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""");
    }

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private async Task<string[]> KeysAsync(string relative)
    {
        using var json = await GetJsonAsync(relative);
        return Keys(json.RootElement);
    }

    private async Task<JsonDocument> GetJsonAsync(string relative)
    {
        var text = await RawClient().GetStringAsync(new Uri(relative, UriKind.Relative));
        return JsonDocument.Parse(text);
    }
}
