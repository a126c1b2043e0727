using System.Net;
using System.Text;
using System.Text.Json;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>
/// Issue 21 §2: GET/PUT /api/v1/providers/settings — the organization's defaultAutoRepair (off until set) is what a
/// provider connected afterwards starts with; existing providers keep their own, and each organization has its own.
/// </summary>
public sealed class ProviderSettingsTests(IntegrationFixture fixture) : RepairTest(fixture)
{
    private const string SettingsPath = ProvidersPath + "/settings";

    [Fact]
    public async Task The_default_is_off_and_a_new_default_applies_to_providers_connected_afterwards_in_that_organization_only()
    {
        var initial = await SettingsAsync();
        initial.GetProperty("defaultAutoRepair").GetString().Should().Be("off");
        initial.GetProperty("updatedAt").ValueKind.Should().Be(JsonValueKind.Null, "nothing was ever set");
        var existing = await ConnectAsync();
        var existingVersion = await VersionAsync(existing);

        var updated = await PutSettingsOkAsync("""{"defaultAutoRepair":"safe"}""");

        updated.GetProperty("defaultAutoRepair").GetString().Should().Be("safe");
        updated.GetProperty("updatedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10));
        (await SettingsAsync()).GetRawText().Should().Be(updated.GetRawText(), "GET answers what PUT stored");
        var connectedAfter = await ConnectAsync();
        (await ReadProviderAsync(connectedAfter)).GetProperty("autoRepair").GetString().Should().Be("safe");
        var existingNow = await ReadProviderAsync(existing);
        existingNow.GetProperty("autoRepair").GetString().Should().Be("off", "a default never changes an existing provider");
        (await VersionAsync(existing)).Should().Be(existingVersion);

        (await SettingsAsync(OrgB)).GetProperty("defaultAutoRepair").GetString().Should().Be("off", "settings are the organization's own");
        (await ReadProviderAsync(await ConnectAsync(OrgB), OrgB)).GetProperty("autoRepair").GetString().Should().Be("off");

        var record = await SingleRecordAsync("organization.provider_settings.updated");
        ShouldBeByTheUser(record);
        var change = record.GetProperty("details").GetProperty("defaultAutoRepair");
        (change.GetProperty("old").GetString(), change.GetProperty("new").GetString()).Should().Be(("off", "safe"));

        await PutSettingsOkAsync("""{"defaultAutoRepair":"safe"}""");
        (await RecordsAsync("organization.provider_settings.updated")).Should().ContainSingle("setting the same value again changes nothing");
        (await PutSettingsOkAsync("""{"defaultAutoRepair":"all"}""")).GetProperty("defaultAutoRepair").GetString().Should().Be("all");
        (await ReadProviderAsync(await ConnectAsync())).GetProperty("autoRepair").GetString().Should().Be("all");
    }

    [Fact]
    public async Task A_bad_settings_body_answers_400_naming_the_field_and_the_stored_default_stays()
    {
        await PutSettingsOkAsync("""{"defaultAutoRepair":"all"}""");
        var cases = new (string Json, string Field)[]
        {
            ("""{"defaultAutoRepair":"sometimes"}""", "defaultAutoRepair"),
            ("""{"defaultAutoRepair":"SAFE"}""", "defaultAutoRepair"),
            ("""{"defaultAutoRepair":""}""", "defaultAutoRepair"),
            ("""{"defaultAutoRepair":null}""", "defaultAutoRepair"),
            ("{}", "defaultAutoRepair"),
            ("""{"defaultAutoRepair":1}""", "defaultAutoRepair"),
            ("""{"defaultAutoRepair":"safe","autoRepair":"off"}""", "autoRepair"),
        };

        foreach (var (json, field) in cases)
        {
            using var response = await PutSettingsAsync(json);

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(field, json);
        }

        (await SettingsAsync()).GetProperty("defaultAutoRepair").GetString().Should().Be("all");
        (await RecordsAsync("organization.provider_settings.updated")).Should().ContainSingle("only the first PUT changed anything");
    }

    [Fact]
    public async Task First_PUTs_racing_to_create_the_organizations_settings_answer_200_or_409_never_500()
    {
        var bodies = Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? """{"defaultAutoRepair":"safe"}""" : """{"defaultAutoRepair":"all"}""").ToList();

        var responses = await Task.WhenAll(bodies.Select(PutSettingsAsync));

        try
        {
            var answers = await Task.WhenAll(responses.Select(async r => (r.StatusCode, Body: await r.Content.ReadAsStringAsync())));
            answers.Should().OnlyContain(
                a => a.StatusCode == HttpStatusCode.OK || (a.StatusCode == HttpStatusCode.Conflict && a.Body.Contains("\"concurrent_update\"", StringComparison.Ordinal)),
                string.Join("\n", answers.Select(a => $"{(int)a.StatusCode} {a.Body}")));
            answers.Should().Contain(a => a.StatusCode == HttpStatusCode.OK);
            (await SettingsAsync()).GetProperty("defaultAutoRepair").GetString().Should().BeOneOf("safe", "all");
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private async Task<JsonElement> SettingsAsync(string organizationId = OrgA)
    {
        using var response = await ClientFor(organizationId).GetAsync(SettingsPath);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> PutSettingsAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await ClientFor().PutAsync(SettingsPath, content);
    }

    private async Task<JsonElement> PutSettingsOkAsync(string json)
    {
        using var response = await PutSettingsAsync(json);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
