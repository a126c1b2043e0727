using System.Globalization;
using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Events;

/// <summary>
/// Issue 19 §1/§3: every committed change stores its integration events in the outbox, in its own transaction — the
/// right type, organization, provider, version after the change and a per-provider sequence 1, 2, 3… — with one
/// delivery per subscribed handler, and never a secret; a command that fails stores none.
/// </summary>
public sealed class EventsAreWrittenWithTheChangeTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string AgentsHandler = typeof(FakeAgentsModule).FullName!;

    private EventTables Events => new(Fixture.ConnectionString);

    [Fact]
    public async Task Each_change_of_a_providers_life_stores_exactly_its_events_in_commit_order_without_a_secret()
    {
        // No delivery runs: the deliveries each change stored stay for the test to read.
        await Fixture.PauseBackgroundJobsAsync();
        var builder = NewProvider().Named("Main line");
        var account = builder.Account;
        var secrets = new List<string> { account.AuthToken };

        // Connect.
        var id = await builder.ConnectAsync();
        var connected = await NewEventsAsync(id, seen: 0, expectedTypes: ["ProviderConnected"]);
        connected[0].ProviderVersion.Should().Be(1);
        var connectedPayload = Payload(connected[0]);
        connectedPayload.GetProperty("name").GetString().Should().Be("Main line");
        connectedPayload.GetProperty("accountSid").GetString().Should().Be(account.Sid);
        connectedPayload.GetProperty("terminationUri").GetString().Should().Be(await Database.ColumnAsync(id, "termination_uri"));
        (await Events.DeliveriesAsync(id)).Should().BeEmpty("nothing in the host subscribes to ProviderConnected");
        // The SIP passwords as the tenant's credential list holds them (the dial-out route answers the same).
        secrets.Add(Twilio.CredentialListOf(account).Credentials.Single().Password);

        // PUT: name, region and secure trunking.
        using (var updated = await UpdateAsync(id, new { name = "Renamed", region = "de1", secureTrunking = true }))
        {
            updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        }

        var update = (await NewEventsAsync(id, seen: 1, expectedTypes: ["ProviderUpdated"])).Single();
        update.ProviderVersion.Should().Be(await VersionAsync(id)).And.BeGreaterThan(1);
        var updatePayload = Payload(update);
        updatePayload.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString())
            .Should().BeEquivalentTo(["name", "region", "secureTrunking"]);
        updatePayload.GetProperty("name").GetString().Should().Be("Renamed");
        updatePayload.GetProperty("region").GetString().Should().Be("de1");
        updatePayload.GetProperty("secureTrunking").GetBoolean().Should().BeTrue();
        updatePayload.GetProperty("terminationUri").GetString().Should().Be(await Database.ColumnAsync(id, "termination_uri"));

        // PATCH the Auth Token (the tenant rotated it in the Twilio Console first).
        var newToken = NewToken();
        Twilio.SetAuthToken(account.Sid, newToken);
        secrets.Add(newToken);
        using (var rotated = await RotateAsync(id, new { authToken = newToken }))
        {
            rotated.StatusCode.Should().Be(HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync());
        }

        var tokenRotated = (await NewEventsAsync(id, seen: 2, expectedTypes: ["ProviderAuthTokenRotated"])).Single();
        tokenRotated.ProviderVersion.Should().Be(await VersionAsync(id)).And.BeGreaterThan(update.ProviderVersion);
        Payload(tokenRotated).GetProperty("authTokenUpdatedAt").GetDateTimeOffset()
            .Should().Be(DateTimeOffset.Parse((await Database.ColumnAsync(id, "auth_token_updated_at"))!, CultureInfo.InvariantCulture));

        // Rotate the SIP credential.
        using (var rotated = await ClientFor().RotateSipCredentialAsync(id))
        {
            rotated.StatusCode.Should().Be(HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync());
        }

        var sipUsername = await Database.ColumnAsync(id, "sip_username");
        var current = Twilio.CredentialListOf(account).Credentials.Single(c => c.Username == sipUsername);
        secrets.Add(current.Password);
        var sipRotated = (await NewEventsAsync(id, seen: 3, expectedTypes: ["SipCredentialRotated"])).Single();
        sipRotated.ProviderVersion.Should().Be(await VersionAsync(id)).And.BeGreaterThan(tokenRotated.ProviderVersion);
        var sipPayload = Payload(sipRotated);
        sipPayload.GetProperty("sipUsername").GetString().Should().Be(current.Username);
        sipPayload.GetProperty("credentialVersion").GetInt32().Should().Be(2);

        // Import two numbers: the version stays (not the tenant's settings), the sequence moves on.
        var first = Twilio.AddIncomingPhoneNumber(account.Sid, "+14155550101");
        var second = Twilio.AddIncomingPhoneNumber(account.Sid, "+14155550102");
        var numberIds = await ImportAllAsync(id, first.Sid, second.Sid);
        var imported = (await NewEventsAsync(id, seen: 4, expectedTypes: ["PhoneNumbersImported"])).Single();
        imported.ProviderVersion.Should().Be(sipRotated.ProviderVersion, "an import does not change the provider's version");
        Payload(imported).GetProperty("phoneNumbers").EnumerateArray().Select(n => n.GetProperty("phoneNumberSid").GetString())
            .Should().BeEquivalentTo([first.Sid, second.Sid]);
        (await Events.DeliveriesAsync(id)).Should().ContainSingle("the agents module is the one subscriber of PhoneNumbersImported")
            .Which.Should().Match<DeliveryRow>(d => d.EventId == imported.Id && d.Handler == AgentsHandler && d.Status == DeliveryRow.Pending
                && d.Attempts == 0 && d.Sequence == imported.Sequence && d.ProviderId == id && d.LastError == null && d.ParkedAt == null);

        // Remove one number.
        using (var removed = await RemoveNumberAsync(id, numberIds[0]))
        {
            removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var numberRemoved = (await NewEventsAsync(id, seen: 5, expectedTypes: ["PhoneNumberRemoved"])).Single();
        numberRemoved.ProviderVersion.Should().Be(sipRotated.ProviderVersion);
        var removedPayload = Payload(numberRemoved);
        removedPayload.GetProperty("phoneNumber").GetProperty("phoneNumberId").GetGuid().Should().Be(numberIds[0]);
        removedPayload.GetProperty("forced").GetBoolean().Should().BeFalse();
        removedPayload.GetProperty("withProvider").GetBoolean().Should().BeFalse();

        // Delete the provider: its remaining number goes with it, then the provider (one commit, in that order).
        var versionBeforeDelete = await VersionAsync(id);
        using (var deleted = await DeleteAsync(id))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent, await deleted.Content.ReadAsStringAsync());
        }

        var deletion = await NewEventsAsync(id, seen: 6, expectedTypes: ["PhoneNumberRemoved", "ProviderDeleted"]);
        deletion.Select(e => e.Ordinal).Should().Equal([1, 2], "both events come from one commit, in the order they were added");
        deletion.Should().AllSatisfy(e => e.ProviderVersion.Should().Be(versionBeforeDelete));
        var withProvider = Payload(deletion[0]);
        withProvider.GetProperty("phoneNumber").GetProperty("phoneNumberId").GetGuid().Should().Be(numberIds[1]);
        withProvider.GetProperty("withProvider").GetBoolean().Should().BeTrue();
        Payload(deletion[1]).GetProperty("removedPhoneNumbers").EnumerateArray().Select(n => n.GetProperty("phoneNumberId").GetGuid())
            .Should().Equal(numberIds[1]);

        // The whole stream: 1..8 without gaps, every event once, each a delivery per subscriber still pending.
        var all = await Events.EventsAsync(id);
        all.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 8).Select(i => (long)i));
        all.Select(e => e.EventType).Should().Equal(
            "ProviderConnected", "ProviderUpdated", "ProviderAuthTokenRotated", "SipCredentialRotated",
            "PhoneNumbersImported", "PhoneNumberRemoved", "PhoneNumberRemoved", "ProviderDeleted");
        all.Select(e => e.ProviderVersion).Should().BeInAscendingOrder();
        all.Should().AllSatisfy(e => e.TraceParent.Should().MatchRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", "the request's trace context is kept"));
        (await Events.DeliveriesAsync(id)).Select(d => (d.Sequence, d.Handler))
            .Should().Equal([(5L, AgentsHandler), (6L, AgentsHandler), (7L, AgentsHandler)], "the agents module hears the imports and removals");

        var payloads = string.Join('\n', all.Select(e => e.Payload));
        payloads.Should().NotContainAny(secrets, "an event never carries an Auth Token or a SIP password");
        foreach (var payload in all.Select(Payload))
        {
            payload.EnumerateObject().Select(p => p.Name).Should().NotContain(
                name => name.Contains("token", StringComparison.OrdinalIgnoreCase) && name != "authTokenUpdatedAt"
                    || name.Contains("password", StringComparison.OrdinalIgnoreCase));
        }

        await AssertSecretsNotLeakedAsync(secrets, account.Sid);
    }

    [Fact]
    public async Task Every_event_carries_the_providers_organization_and_other_providers_have_their_own_sequence()
    {
        var a = await ConnectAsync(OrgA);
        var b = await ConnectAsync(OrgB);
        using (var renamed = await UpdateAsync(b, new { name = "Globex line" }, OrgB))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var renamed = await UpdateAsync(a, new { name = "Acme line" }, OrgA))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var ofA = await Events.EventsAsync(a);
        var ofB = await Events.EventsAsync(b);
        ofA.Select(e => (e.EventType, e.OrganizationId, e.Sequence)).Should().Equal(("ProviderConnected", OrgA, 1L), ("ProviderUpdated", OrgA, 2L));
        ofB.Select(e => (e.EventType, e.OrganizationId, e.Sequence)).Should().Equal(("ProviderConnected", OrgB, 1L), ("ProviderUpdated", OrgB, 2L));
        Payload(ofA[1]).GetProperty("organizationId").GetString().Should().Be(OrgA);
        Payload(ofB[1]).GetProperty("providerId").GetGuid().Should().Be(b);
    }

    [Fact]
    public async Task A_PUT_that_changes_nothing_stores_no_event()
    {
        var id = await NewProvider().Named("Same").ConnectAsync();

        using var response = await UpdateAsync(id, new { name = "Same" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Events.EventsAsync(id)).Select(e => e.EventType).Should().Equal("ProviderConnected");
    }

    [Fact]
    public async Task A_connect_whose_token_Twilio_rejects_stores_no_event()
    {
        var builder = NewProvider();
        var body = builder.Body();
        body["authToken"] = NewToken();

        using var response = await CreateProviderAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        (await Events.EventsAsync()).Should().BeEmpty();
        (await Events.DeliveriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task An_Auth_Token_rotation_Twilio_rejects_stores_no_event()
    {
        var id = await ConnectAsync();

        using var response = await RotateAsync(id, new { authToken = NewToken() });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        (await Events.EventsAsync(id)).Select(e => e.EventType).Should().Equal("ProviderConnected");
    }

    [Fact]
    public async Task A_SIP_credential_rotation_Twilio_rejects_with_401_stores_no_event()
    {
        var id = await ConnectAsync();
        Twilio.EnqueueFaults(TwilioOperation.CreateCredential, EmulatedFault.Http(401));

        using var response = await ClientFor().RotateSipCredentialAsync(id);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "twilio_credentials_rejected");
        (await Events.EventsAsync(id)).Select(e => e.EventType).Should().Equal("ProviderConnected");
    }

    public static TheoryData<string> StaleIfMatchCommands => new() { "update", "auth token", "sip credential", "delete" };

    [Theory]
    [MemberData(nameof(StaleIfMatchCommands))]
    public async Task A_command_with_a_stale_If_Match_stores_no_event(string command)
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var stale = await ETagOfAsync(id);
        using (var renamed = await UpdateAsync(id, new { name = "Moved on" }))
        {
            renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var before = await Events.EventsAsync(id);
        before.Select(e => e.EventType).Should().Equal("ProviderConnected", "ProviderUpdated");

        using var response = command switch
        {
            "update" => await UpdateAsync(id, new { name = "Stale" }, ifMatch: stale),
            "auth token" => await RotateAsync(id, new { authToken = builder.Account.AuthToken }, ifMatch: stale),
            "sip credential" => await ClientFor().RotateSipCredentialAsync(id, ifMatch: stale),
            "delete" => await DeleteAsync(id, ifMatch: stale),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command."),
        };

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed, await response.Content.ReadAsStringAsync());
        (await Events.EventsAsync(id)).Should().Equal(before, "a refused change publishes nothing");
    }

    /// <summary>
    /// The provider's events after the first <paramref name="seen"/>: exactly <paramref name="expectedTypes"/>, numbered
    /// on from <paramref name="seen"/>, in OrgA, with a payload that names the same event.
    /// </summary>
    private async Task<IReadOnlyList<StoredEventRow>> NewEventsAsync(Guid providerId, int seen, IReadOnlyList<string> expectedTypes)
    {
        var all = await Events.EventsAsync(providerId);
        all.Should().HaveCount(seen + expectedTypes.Count, "each change stores exactly its own events");
        var added = all.Skip(seen).ToList();
        added.Select(e => e.EventType).Should().Equal(expectedTypes);
        added.Select(e => e.Sequence).Should().Equal(Enumerable.Range(seen + 1, expectedTypes.Count).Select(i => (long)i), "a provider's events are numbered 1, 2, 3… without gaps");
        foreach (var stored in added)
        {
            stored.OrganizationId.Should().Be(OrgA);
            stored.ProviderId.Should().Be(providerId);
            var payload = Payload(stored);
            payload.GetProperty("eventId").GetGuid().Should().Be(stored.Id);
            payload.GetProperty("providerId").GetGuid().Should().Be(providerId);
            payload.GetProperty("organizationId").GetString().Should().Be(OrgA);
            payload.GetProperty("providerVersion").GetInt64().Should().Be(stored.ProviderVersion);
        }

        return added;
    }

    private async Task<long> VersionAsync(Guid providerId) =>
        long.Parse((await Database.ColumnAsync(providerId, "version"))!, CultureInfo.InvariantCulture);

    private static JsonElement Payload(StoredEventRow stored) => JsonDocument.Parse(stored.Payload).RootElement.Clone();
}
