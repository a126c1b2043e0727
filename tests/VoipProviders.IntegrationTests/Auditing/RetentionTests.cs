using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoipProviders.Infrastructure.Auditing;
using VoipProviders.Infrastructure.Events;
using VoipProviders.IntegrationTests.Events;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Auditing;

/// <summary>
/// Issue 19: audit records are kept <c>Audit:RetentionDays</c> (400 by default) and delivered events
/// <c>IntegrationEvents:RetentionDays</c> (7); the clustered clean-ups delete older ones through their version 7 ids.
/// </summary>
public sealed class RetentionTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Audit_records_older_than_the_retention_go_and_younger_ones_stay()
    {
        var now = DateTimeOffset.UtcNow;
        var old = await InsertAuditRecordAsync(now.AddDays(-401));
        var young = await InsertAuditRecordAsync(now.AddDays(-399));
        var fresh = await InsertAuditRecordAsync(now);

        await RunAsync<AuditRetention>();

        (await new AuditRows(Fixture.ConnectionString).IdsAsync()).Should().BeEquivalentTo([young, fresh]).And.NotContain(old);
    }

    [Fact]
    public async Task Delivered_events_older_than_the_retention_go_but_one_still_owed_to_a_handler_stays()
    {
        var now = DateTimeOffset.UtcNow;
        var delivered = await InsertEventAsync(now.AddDays(-8), parkedDelivery: false);
        var parked = await InsertEventAsync(now.AddDays(-8), parkedDelivery: true);
        var recent = await InsertEventAsync(now.AddDays(-6), parkedDelivery: false);

        await RunAsync<IntegrationEventsCleanup>();

        (await new EventTables(Fixture.ConnectionString).EventsAsync()).Select(e => e.Id).Should().BeEquivalentTo([parked, recent]).And.NotContain(delivered);
    }

    private async Task RunAsync<TJob>()
        where TJob : class, Application.Common.BackgroundJobs.IRecurringJob
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(CancellationToken.None);
    }

    private async Task<Guid> InsertAuditRecordAsync(DateTimeOffset at)
    {
        var id = Guid.CreateVersion7(at);
        await ExecuteAsync(
            """
            INSERT INTO voip_providers.audit_events (id, occurred_at, organization_id, provider_id, action, outcome, actor_type, actor_id, details)
            VALUES (@id, @at, 'org_acme', NULL, 'provider.connected', 'rejected', 'user', 'dev-user', '{}'::jsonb)
            """,
            ("id", id),
            ("at", at));
        return id;
    }

    private async Task<Guid> InsertEventAsync(DateTimeOffset at, bool parkedDelivery)
    {
        var id = Guid.CreateVersion7(at);
        await ExecuteAsync(
            """
            INSERT INTO voip_providers.integration_events (id, event_type, organization_id, provider_id, provider_version, ordinal, sequence, payload, occurred_at)
            VALUES (@id, 'ProviderUpdated', 'org_acme', @provider, 1, 1, 0, '{}'::jsonb, @at)
            """,
            ("id", id),
            ("provider", Guid.CreateVersion7()),
            ("at", at));
        if (parkedDelivery)
        {
            await ExecuteAsync(
                """
                INSERT INTO voip_providers.integration_event_deliveries (event_id, handler, provider_id, sequence, status, attempts, next_attempt_at, parked_at)
                SELECT id, 'Agents.Handler', provider_id, 0, 1, 10, now(), now() FROM voip_providers.integration_events WHERE id = @id
                """,
                ("id", id));
        }

        return id;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
