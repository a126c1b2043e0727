using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Events;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Events;

internal sealed class IntegrationEventDeliveries(
    ModuleDataSource dataSource,
    IntegrationEventSignal signal,
    TimeProvider timeProvider,
    ILogger<IntegrationEventDeliveries> logger) : IIntegrationEventDeliveries
{
    public async Task<IReadOnlyList<ParkedDelivery>> ListParkedAsync(int take, CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand("""
            SELECT d.event_id, e.event_type, d.handler, e.organization_id, d.provider_id, d.sequence, d.attempts, d.last_error, e.occurred_at, d.parked_at
            FROM voip_providers.integration_event_deliveries d
            JOIN voip_providers.integration_events e ON e.id = d.event_id
            WHERE d.status = 1
            ORDER BY d.parked_at DESC, d.event_id
            LIMIT @take
            """);
        command.Parameters.AddWithValue("take", take);
        var parked = new List<ParkedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            parked.Add(new ParkedDelivery(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetGuid(4),
                reader.GetInt64(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return parked;
    }

    public async Task<int> RetryParkedAsync(Guid? eventId, string? handler, CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand("""
            UPDATE voip_providers.integration_event_deliveries
            SET status = 0, attempts = 0, next_attempt_at = @now, parked_at = NULL
            WHERE status = 1 AND (@event_id::uuid IS NULL OR event_id = @event_id) AND (@handler::text IS NULL OR handler = @handler)
            """);
        command.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
        command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid?>("event_id", NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = eventId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter<string?>("handler", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = handler });
        var count = await command.ExecuteNonQueryAsync(cancellationToken);
        logger.ParkedRetried(count, eventId, handler);
        signal.Notify();
        return count;
    }
}
