using Npgsql;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.IntegrationTests.Events;

/// <summary>An integration event as the outbox stores it (voip_providers.integration_events).</summary>
public sealed record StoredEventRow(
    Guid Id,
    string EventType,
    string OrganizationId,
    Guid ProviderId,
    long ProviderVersion,
    int Ordinal,
    long Sequence,
    string Payload,
    string? TraceParent);

/// <summary>A delivery of an event to one handler (voip_providers.integration_event_deliveries): 0 pending, 1 parked.</summary>
public sealed record DeliveryRow(
    Guid EventId,
    string Handler,
    Guid ProviderId,
    long Sequence,
    short Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? ParkedAt)
{
    public const short Pending = 0;
    public const short Parked = 1;
}

/// <summary>Reads the outbox of integration events and its deliveries directly (raw SQL), as stored.</summary>
internal sealed class EventTables(string connectionString)
{
    private const string Events = VoipProvidersDbContext.Schema + ".integration_events";
    private const string Deliveries = VoipProvidersDbContext.Schema + ".integration_event_deliveries";

    /// <summary>Every stored event, of one provider when given, in sequence order.</summary>
    public Task<IReadOnlyList<StoredEventRow>> EventsAsync(Guid? providerId = null) =>
        RowsAsync(
            $"""
            SELECT id, event_type, organization_id, provider_id, provider_version, ordinal, sequence, payload::text, trace_parent
            FROM {Events}
            WHERE @provider_id::uuid IS NULL OR provider_id = @provider_id
            ORDER BY provider_id, sequence
            """,
            reader => new StoredEventRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetGuid(3),
                reader.GetInt64(4),
                reader.GetInt32(5),
                reader.GetInt64(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)),
            providerId);

    /// <summary>Every delivery still stored (pending or parked), of one provider when given.</summary>
    public Task<IReadOnlyList<DeliveryRow>> DeliveriesAsync(Guid? providerId = null) =>
        RowsAsync(
            $"""
            SELECT event_id, handler, provider_id, sequence, status, attempts, next_attempt_at, last_error, parked_at
            FROM {Deliveries}
            WHERE @provider_id::uuid IS NULL OR provider_id = @provider_id
            ORDER BY provider_id, sequence, handler
            """,
            reader => new DeliveryRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetGuid(2),
                reader.GetInt64(3),
                reader.GetInt16(4),
                reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)),
            providerId);

    /// <summary>The deliveries owed to one handler (by its identity, the full type name).</summary>
    public async Task<IReadOnlyList<DeliveryRow>> DeliveriesToAsync(string handler) =>
        [.. (await DeliveriesAsync()).Where(d => d.Handler == handler)];

    private async Task<IReadOnlyList<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read, Guid? providerId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("provider_id", NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = providerId });
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
