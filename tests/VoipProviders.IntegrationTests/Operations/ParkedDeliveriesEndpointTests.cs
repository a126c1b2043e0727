using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.IntegrationTests.Events;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Operations;

/// <summary>
/// Issue 19 §1: a delivery parked after its last attempt is listed and retried by an operator over the internal API
/// (service token with scope voip-providers.operations only), and the retried event reaches its handler.
/// </summary>
public sealed class ParkedDeliveriesEndpointTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string ParkedPath = "/internal/v1/integration-events/parked";
    private const string OperationsScope = "voip-providers.operations";

    [Fact]
    public async Task An_operator_lists_a_parked_delivery_and_retries_it_and_the_handler_gets_the_event()
    {
        var (eventId, providerId) = await ParkImportedEventAsync();
        using var operations = Fixture.InternalClient(CallingTestHelpers.ServiceToken(scope: OperationsScope));

        using var listed = await operations.GetAsync(ParkedPath);
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        listed.Headers.CacheControl!.NoStore.Should().BeTrue();
        var parked = (await ReadJsonAsync(listed)).EnumerateArray().Should().ContainSingle().Subject;
        parked.GetProperty("eventId").GetGuid().Should().Be(eventId);
        parked.GetProperty("eventType").GetString().Should().Be(nameof(PhoneNumbersImported));
        parked.GetProperty("handler").GetString().Should().Be(typeof(FakeAgentsModule).FullName);
        parked.GetProperty("attempts").GetInt32().Should().Be(10);
        parked.GetProperty("lastError").GetString().Should().Contain("InvalidOperationException");
        Agents.Events.Should().BeEmpty("a parked delivery is not delivered");

        using var retried = await operations.PostAsJsonAsync($"{ParkedPath}/retry", new { eventId });

        retried.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(retried)).GetProperty("queued").GetInt32().Should().Be(1);
        var delivered = (await Agents.WaitForEventAsync<PhoneNumbersImported>()).Should().ContainSingle().Subject;
        delivered.EventId.Should().Be(eventId);
        delivered.ProviderId.Should().Be(providerId);
        delivered.Sequence.Should().Be(1);
        await EventuallyAsync(async () => await CountDeliveriesAsync() == 0, "a delivered delivery is deleted");
    }

    [Fact]
    public async Task Only_a_service_token_with_the_operations_scope_may_list_or_retry()
    {
        await ParkImportedEventAsync();
        using var sip = Fixture.InternalClient(CallingTestHelpers.ServiceToken());
        using var tenant = ClientFor(OrgA);
        using var anonymous = Fixture.InternalClient(null);

        (await sip.GetAsync(ParkedPath)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await sip.PostAsJsonAsync($"{ParkedPath}/retry", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await tenant.GetAsync(ParkedPath)).StatusCode.Should().BeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        (await anonymous.PostAsJsonAsync($"{ParkedPath}/retry", new { })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await CountParkedAsync()).Should().Be(1, "nothing was retried");
    }

    [Fact]
    public async Task A_bad_filter_answers_400_naming_it_and_retries_nothing()
    {
        await ParkImportedEventAsync();
        using var operations = Fixture.InternalClient(CallingTestHelpers.ServiceToken(scope: OperationsScope));

        using var badHandler = await operations.PostAsJsonAsync($"{ParkedPath}/retry", new { handler = "bad\u0001handler" });
        using var badTake = await operations.GetAsync($"{ParkedPath}?take=0");

        badHandler.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(badHandler)).GetProperty("errors").TryGetProperty("handler", out _).Should().BeTrue();
        badTake.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(badTake)).GetProperty("errors").TryGetProperty("take", out _).Should().BeTrue();
        (await CountParkedAsync()).Should().Be(1);
    }

    /// <summary>Stores an event with its delivery to the fake agents module parked, as the dispatcher leaves it after the last attempt.</summary>
    private async Task<(Guid EventId, Guid ProviderId)> ParkImportedEventAsync()
    {
        var (eventId, providerId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var reference = new PhoneNumberReference(OrgA, Guid.CreateVersion7(), providerId, "PN" + new string('1', 32), "+14155550101");
        var payload = JsonSerializer.Serialize(
            new PhoneNumbersImported([reference]) { EventId = eventId, OccurredAt = DateTimeOffset.UtcNow, OrganizationId = OrgA, ProviderId = providerId, ProviderVersion = 1 },
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO voip_providers.integration_events (id, event_type, organization_id, provider_id, provider_version, ordinal, sequence, payload, occurred_at)
            VALUES (@id, 'PhoneNumbersImported', @org, @provider, 1, 1, 0, @payload::jsonb, now());
            INSERT INTO voip_providers.integration_event_deliveries (event_id, handler, provider_id, sequence, status, attempts, next_attempt_at, last_error, parked_at)
            VALUES (@id, @handler, @provider, 0, 1, 10, now(), 'System.InvalidOperationException: the agents module was down', now());
            """, connection);
        command.Parameters.AddWithValue("id", eventId);
        command.Parameters.AddWithValue("org", OrgA);
        command.Parameters.AddWithValue("provider", providerId);
        command.Parameters.AddWithValue("payload", payload);
        command.Parameters.AddWithValue("handler", typeof(FakeAgentsModule).FullName!);
        await command.ExecuteNonQueryAsync();
        return (eventId, providerId);
    }

    private async Task<int> CountParkedAsync() =>
        (await new EventTables(Fixture.ConnectionString).DeliveriesAsync()).Count(d => d.Status == DeliveryRow.Parked);

    private async Task<int> CountDeliveriesAsync() => (await new EventTables(Fixture.ConnectionString).DeliveriesAsync()).Count;
}
