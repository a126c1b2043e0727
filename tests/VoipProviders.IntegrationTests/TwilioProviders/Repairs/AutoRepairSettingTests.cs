using System.Net;
using System.Text;
using System.Text.Json;
using VoipProviders.IntegrationTests.Events;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>
/// Issue 21 §2: a provider's autoRepair (off, safe, all) is changed with PUT /api/v1/providers/twilio/{id} like its other
/// settings — a new version, an audit record and a ProviderUpdated event naming it, no call to Twilio — and a new mode
/// ends a pause of the daily cap.
/// </summary>
public sealed class AutoRepairSettingTests(IntegrationFixture fixture) : RepairTest(fixture)
{
    private EventTables Events => new(Fixture.ConnectionString);

    [Fact]
    public async Task PUT_autoRepair_changes_the_mode_and_version_with_an_audit_record_and_event_and_no_Twilio_call()
    {
        var id = await ConnectAsync();
        var etag = await ETagOfAsync(id);

        using var response = await UpdateAsync(id, new { autoRepair = "safe" });

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var provider = JsonDocument.Parse(body).RootElement;
        provider.GetProperty("autoRepair").GetString().Should().Be("safe");
        provider.GetProperty("autoRepairPausedUntil").ValueKind.Should().Be(JsonValueKind.Null);
        response.Headers.ETag!.ToString().Should().NotBe(etag).And.Be(await ETagOfAsync(id));
        (await ReadProviderAsync(id)).GetProperty("autoRepair").GetString().Should().Be("safe");
        Twilio.Requests.Should().BeEmpty("the mode is the module's own");

        var record = await SingleRecordAsync("provider.updated", id);
        ShouldBeByTheUser(record);
        var changes = record.GetProperty("details").GetProperty("changes");
        changes.EnumerateObject().Select(c => c.Name).Should().Equal("autoRepair");
        (changes.GetProperty("autoRepair").GetProperty("old").GetString(), changes.GetProperty("autoRepair").GetProperty("new").GetString())
            .Should().Be(("off", "safe"));
        var updated = (await Events.EventsAsync(id)).Should().ContainSingle(e => e.EventType == "ProviderUpdated").Subject;
        JsonDocument.Parse(updated.Payload).RootElement.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString())
            .Should().Equal("autoRepair");

        using var same = await UpdateAsync(id, new { autoRepair = "safe" });
        same.StatusCode.Should().Be(HttpStatusCode.OK);
        same.Headers.ETag!.ToString().Should().Be(response.Headers.ETag!.ToString(), "the same mode again changes nothing");
        using var all = await UpdateAsync(id, new { autoRepair = "all", name = "Renamed" });
        (await ReadJsonAsync(all)).GetProperty("autoRepair").GetString().Should().Be("all");
        (await RecordsAsync("provider.updated", id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_new_mode_ends_a_pause_of_the_daily_cap()
    {
        var id = await ConnectAsync();
        using (var safe = await UpdateAsync(id, new { autoRepair = "safe" }))
        {
            safe.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await Database.ExecuteAsync(
            $"UPDATE voip_providers.twilio_providers SET auto_repair_paused_until = now() + interval '20 hours', auto_repair_count = 3, auto_repair_window_started_at = now() - interval '4 hours' WHERE id = '{id}'");
        (await ReadProviderAsync(id)).GetProperty("autoRepairPausedUntil").GetDateTimeOffset()
            .Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(20), TimeSpan.FromMinutes(1), "the tenant sees until when auto-repair is paused");

        using var response = await UpdateAsync(id, new { autoRepair = "all" });

        var provider = await ReadJsonAsync(response);
        provider.GetProperty("autoRepair").GetString().Should().Be("all");
        provider.GetProperty("autoRepairPausedUntil").ValueKind.Should().Be(JsonValueKind.Null);
        (await Database.ColumnAsync(id, "auto_repair_count")).Should().Be("0", "the new mode starts a fresh count");
    }

    [Fact]
    public async Task An_invalid_autoRepair_answers_400_naming_it_and_changes_nothing()
    {
        var id = await ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);

        foreach (var json in new[] { """{"autoRepair":"sometimes"}""", """{"autoRepair":"SAFE"}""", """{"autoRepair":""}""", """{"autoRepair":true}""", """{"name":"Renamed","autoRepair":"always"}""" })
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await ClientFor().PutAsync($"{TwilioProvidersPath}/{id}", content);

            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{json}: {body}");
            JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("autoRepair", out _).Should().BeTrue($"{json}: {body}");
        }

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, "not even the name of the last body was stored");
        Twilio.Requests.Should().BeEmpty();
    }
}
