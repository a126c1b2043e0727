using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

/// <summary>
/// A second provider type plugs in as new files plus one registration (<see cref="SipTrunkProviderType"/>, test-only,
/// kept in memory): the generic endpoints list, get, verify and delete it next to Twilio providers, and the sweep
/// verifies it, with no change to the module.
/// </summary>
public sealed class ProviderTypePluginTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_generic_list_shows_both_types_newest_first_with_their_discriminators_and_filters()
    {
        await using var host = await StartHostWithSipTrunksAsync();
        var twilioId = await ConnectAsync();
        var directory = host.Services.GetRequiredService<SipTrunkDirectory>();
        var older = directory.Add(Org(OrgA), "Old SIP", "old.example.test", DateTimeOffset.UtcNow.AddDays(-1));
        var newer = directory.Add(Org(OrgA), "New SIP", "new.example.test", DateTimeOffset.UtcNow.AddDays(1));
        directory.Add(Org(OrgB), "Other organization's SIP", "other.example.test", DateTimeOffset.UtcNow);
        using var client = host.ClientFor(OrgA);

        var all = await ListAsync(client, string.Empty);
        var sipOnly = await ListAsync(client, "?providerType=sipTrunk");
        var twilioOnly = await ListAsync(client, "?providerType=twilio");
        var window = await ListAsync(client, "?skip=1&take=1");

        all.GetProperty("totalCount").GetInt32().Should().Be(3, "only organization A's providers, of every type");
        Ids(all).Should().Equal(newer.Id.Value, twilioId, older.Id.Value);
        Types(all).Should().Equal("sipTrunk", "twilio", "sipTrunk");
        all.GetProperty("items")[0].GetProperty("host").GetString().Should().Be("new.example.test", "each type shows its own fields");
        all.GetProperty("items")[1].GetProperty("accountSid").GetString().Should().StartWith("AC");
        Ids(sipOnly).Should().Equal(newer.Id.Value, older.Id.Value);
        sipOnly.GetProperty("totalCount").GetInt32().Should().Be(2);
        Ids(twilioOnly).Should().Equal(twilioId);
        Ids(window).Should().Equal(twilioId);
        window.GetProperty("totalCount").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task The_generic_get_answers_the_plugged_in_type_with_its_fields_and_ETag_within_the_organization_only()
    {
        await using var host = await StartHostWithSipTrunksAsync();
        var trunk = host.Services.GetRequiredService<SipTrunkDirectory>().Add(Org(OrgA), "Edge SIP", "edge.example.test", DateTimeOffset.UtcNow);

        using var response = await host.ClientFor(OrgA).GetAsync($"{ProvidersPath}/{trunk.Id.Value}");
        using var otherOrganization = await host.ClientFor(OrgB).GetAsync($"{ProvidersPath}/{trunk.Id.Value}");
        using var asTwilio = await host.ClientFor(OrgA).GetAsync($"{TwilioProvidersPath}/{trunk.Id.Value}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var provider = await ReadJsonAsync(response);
        provider.GetProperty("providerType").GetString().Should().Be("sipTrunk");
        provider.GetProperty("name").GetString().Should().Be("Edge SIP");
        provider.GetProperty("host").GetString().Should().Be("edge.example.test");
        provider.GetProperty("verificationStatus").GetString().Should().Be("pending");
        response.Headers.ETag!.ToString().Should().StartWith($"\"{trunk.Id.Value:N}-1-", "the id and version, then the digest of the body");
        otherOrganization.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReadJsonAsync(otherOrganization)).GetProperty("code").GetString().Should().Be("not_found");
        asTwilio.StatusCode.Should().Be(HttpStatusCode.NotFound, "it is not a Twilio provider");
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_generic_verify_runs_the_plugged_in_types_checks_and_stores_the_outcome_through_its_store()
    {
        await using var host = await StartHostWithSipTrunksAsync();
        var directory = host.Services.GetRequiredService<SipTrunkDirectory>();
        var healthy = directory.Add(Org(OrgA), "Healthy", "sip.example.test", DateTimeOffset.UtcNow);
        var broken = directory.Add(Org(OrgA), "Broken", "sip.example.invalid", DateTimeOffset.UtcNow);
        using var client = host.ClientFor(OrgA);

        using var verified = await client.PostAsync($"{TwilioProvidersPath}/{healthy.Id.Value}/verify", null);
        using var failed = await client.PostAsync($"{TwilioProvidersPath}/{broken.Id.Value}/verify", null);
        using var otherOrganization = await host.ClientFor(OrgB).PostAsync($"{TwilioProvidersPath}/{healthy.Id.Value}/verify", null);

        verified.StatusCode.Should().Be(HttpStatusCode.OK);
        var outcome = await ReadJsonAsync(verified);
        outcome.GetProperty("status").GetString().Should().Be("verified");
        outcome.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("checkName").GetString()).Should().Equal(SipTrunkChecks.Reachability);
        directory.Find(healthy.Id)!.VerificationStatus.Should().Be(VerificationStatus.Verified, "the outcome is stored through the type's own store");
        (await ReadJsonAsync(failed)).GetProperty("status").GetString().Should().Be("failed");
        directory.Find(broken.Id)!.LastVerifiedAt.Should().NotBeNull();
        otherOrganization.StatusCode.Should().Be(HttpStatusCode.NotFound);
        directory.IsRunning(healthy.Id, DateTimeOffset.UtcNow).Should().BeFalse("every run ends its lease");

        // Delivered by whichever replica's dispatcher holds the cluster's one run (the fixture's, most likely): each
        // replica's FakeAgentsModule is the same subscription, so either instance may hear an event, and only one does.
        IReadOnlyList<ProviderVerificationStatusChanged> Heard() =>
            [.. Agents.Events.Concat(host.Services.GetRequiredService<FakeAgentsModule>().Events).OfType<ProviderVerificationStatusChanged>()];
        await EventuallyAsync(() => Task.FromResult(Heard().Count >= 2), "both verification status changes were delivered");
        var changes = Heard();
        changes.Should().ContainSingle(e => e.ProviderId == healthy.Id.Value && e.Status == ProviderVerificationStatus.Verified && e.PreviousStatus == ProviderVerificationStatus.Pending);
        changes.Should().ContainSingle(e => e.ProviderId == broken.Id.Value && e.Status == ProviderVerificationStatus.Failed);
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task An_inconclusive_run_of_the_plugged_in_type_answers_its_upstream_failure_and_stores_nothing()
    {
        await using var host = await StartHostWithSipTrunksAsync();
        var directory = host.Services.GetRequiredService<SipTrunkDirectory>();
        var down = directory.Add(Org(OrgA), "Down", "sip.example.down", DateTimeOffset.UtcNow);

        using var response = await host.ClientFor(OrgA).PostAsync($"{TwilioProvidersPath}/{down.Id.Value}/verify", null);

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("sip_trunk_unavailable");
        var stored = directory.Find(down.Id)!;
        stored.VerificationStatus.Should().Be(VerificationStatus.Pending, "an outage proves nothing about the provider");
        stored.LastVerifiedAt.Should().BeNull();
        directory.IsRunning(down.Id, DateTimeOffset.UtcNow).Should().BeFalse();
    }

    [Fact]
    public async Task The_generic_delete_removes_the_plugged_in_type_once_it_commits_and_honours_If_Match()
    {
        await using var host = await StartHostWithSipTrunksAsync();
        var directory = host.Services.GetRequiredService<SipTrunkDirectory>();
        var trunk = directory.Add(Org(OrgA), "Going", "going.example.test", DateTimeOffset.UtcNow);
        using var client = host.ClientFor(OrgA);
        var path = $"{ProvidersPath}/{trunk.Id.Value}";

        using var stale = await SendAsync(client, HttpMethod.Delete, path, ifMatch: $"\"{trunk.Id.Value:N}-7\"");
        using var otherOrganization = await SendAsync(host.ClientFor(OrgB), HttpMethod.Delete, path);
        var stillThere = directory.Find(trunk.Id);
        using var deleted = await SendAsync(client, HttpMethod.Delete, path, ifMatch: $"\"{trunk.Id.Value:N}-1\"");
        using var read = await client.GetAsync(path);
        using var again = await SendAsync(client, HttpMethod.Delete, path);

        stale.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        otherOrganization.StatusCode.Should().Be(HttpStatusCode.NotFound);
        stillThere.Should().NotBeNull("neither a stale If-Match nor another organization deletes anything");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        directory.Find(trunk.Id).Should().BeNull();
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task The_sweep_verifies_due_providers_of_the_plugged_in_type()
    {
        await Fixture.PauseBackgroundJobsAsync();
        try
        {
            await using var host = await StartHostWithSipTrunksAsync(new Dictionary<string, string>
            {
                ["Verification:SweepEnabled"] = "true",
                ["Verification:SweepPeriod"] = "00:00:00.250",
            });
            var directory = host.Services.GetRequiredService<SipTrunkDirectory>();
            var due = directory.Add(Org(OrgA), "Due", "due.example.test", DateTimeOffset.UtcNow, nextVerificationAt: DateTimeOffset.UtcNow.AddMinutes(-1));
            var notDue = directory.Add(Org(OrgA), "Not due", "later.example.test", DateTimeOffset.UtcNow, nextVerificationAt: DateTimeOffset.UtcNow.AddHours(1));

            await EventuallyAsync(() => Task.FromResult(directory.Find(due.Id)!.LastVerifiedAt is not null), "the sweep verifies the due SIP trunk");

            directory.Find(due.Id)!.VerificationStatus.Should().Be(VerificationStatus.Verified);
            directory.Find(notDue.Id)!.LastVerifiedAt.Should().BeNull("it is not due yet");
        }
        finally
        {
            await Fixture.RestoreVerificationSweepTriggerAsync();
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_plugged_in_type_as_a_provider()
    {
        await using var host = await StartHostWithSipTrunksAsync();

        using var response = await host.AnonymousClient().GetAsync("/openapi/v1.json");

        var schemas = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("ProviderType").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Should().Equal("twilio", "sipTrunk");
        var provider = schemas.GetProperty("ProviderResponse");
        provider.GetProperty("oneOf").EnumerateArray().Select(s => s.GetProperty("$ref").GetString())
            .Should().Equal("#/components/schemas/TwilioProviderResponse", "#/components/schemas/SipTrunkProviderResponse");
        provider.GetProperty("discriminator").GetProperty("mapping").GetProperty("sipTrunk").GetString()
            .Should().Be("#/components/schemas/SipTrunkProviderResponse");
    }

    private Task<TestHost> StartHostWithSipTrunksAsync(IReadOnlyDictionary<string, string>? settings = null) =>
        Fixture.StartHostAsync(settings, services => services.AddSipTrunkProviderType());

    private static async Task<JsonElement> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"{ProvidersPath}{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await ReadJsonAsync(response);
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid())];

    private static List<string?> Types(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("providerType").GetString())];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}
