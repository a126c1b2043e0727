using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>
/// Writes audit records: with the unit of work's commit (tracked by the database context), or at once on a connection
/// of its own for a refusal that must stay although the command fails.
/// </summary>
internal sealed class AuditTrail(
    VoipProvidersDbContext dbContext,
    ModuleDataSource dataSource,
    IAuditActorProvider actors,
    TimeProvider timeProvider,
    ILogger<AuditTrail> logger) : IAuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
    };

    public void Record(AuditEntry entry) => dbContext.Add(ToRecord(entry));

    public async Task RecordRefusalAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var record = ToRecord(entry);
        try
        {
            await using var command = dataSource.DataSource.CreateCommand("""
                INSERT INTO voip_providers.audit_events
                    (id, occurred_at, organization_id, provider_id, action, outcome, actor_type, actor_id, source_address, trace_id, details)
                VALUES (@id, @occurred_at, @organization_id, @provider_id, @action, @outcome, @actor_type, @actor_id, @source_address, @trace_id, @details::jsonb)
                """);
            command.Parameters.AddWithValue("id", record.Id);
            command.Parameters.AddWithValue("occurred_at", record.OccurredAt);
            command.Parameters.AddWithValue("organization_id", record.OrganizationId);
            command.Parameters.AddWithValue("provider_id", (object?)record.ProviderId ?? DBNull.Value);
            command.Parameters.AddWithValue("action", record.Action);
            command.Parameters.AddWithValue("outcome", record.Outcome);
            command.Parameters.AddWithValue("actor_type", record.ActorType);
            command.Parameters.AddWithValue("actor_id", record.ActorId);
            command.Parameters.AddWithValue("source_address", (object?)record.SourceAddress ?? DBNull.Value);
            command.Parameters.AddWithValue("trace_id", (object?)record.TraceId ?? DBNull.Value);
            command.Parameters.AddWithValue("details", record.Details);
            // Not the request's token: the caller leaving must not lose the record of what it tried.
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // Best effort by contract: the refusal reaches the caller whatever happens to its record.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.RefusalNotRecorded(exception, record.Action, record.ProviderId);
        }
    }

    private AuditRecord ToRecord(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var actor = actors.Current;
        var now = timeProvider.GetUtcNow();
        return new AuditRecord
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            OrganizationId = entry.OrganizationId.Value,
            ProviderId = entry.ProviderId,
            Action = entry.Action,
            Outcome = entry.Outcome == AuditOutcome.Succeeded ? "succeeded" : "rejected",
            ActorType = actor.Type.ToString().ToLowerInvariant(),
            ActorId = actor.Id,
            SourceAddress = actor.SourceAddress,
            // A request's actor brings its trace id; a job's run is traced by its activity, when it has one.
            TraceId = actor.TraceId ?? (Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : null),
            Details = JsonSerializer.Serialize(entry.Details, Json),
        };
    }
}
