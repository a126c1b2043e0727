using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// One round of delivery: reads the pending deliveries that are due and not behind a delivery of the same handler and
/// provider that waits for a retry, calls each handler with its events in sequence order (streams side by side, each
/// in order), then deletes what was delivered and reschedules or parks what failed. A failure of one handler never
/// calls the other handlers of the event again.
/// </summary>
internal sealed class IntegrationEventDispatcher(
    ModuleDataSource dataSource,
    IServiceScopeFactory scopes,
    IOptions<IntegrationEventsOptions> options,
    IntegrationEventsMetrics metrics,
    TimeProvider timeProvider,
    ILogger<IntegrationEventDispatcher> logger)
{
    public static readonly ActivitySource ActivitySource = new("VoipProviders.IntegrationEvents");

    private const string DueSql = """
        SELECT d.event_id, d.handler, d.provider_id, d.sequence, d.attempts, e.event_type, e.payload, e.occurred_at, e.trace_parent
        FROM voip_providers.integration_event_deliveries d
        JOIN voip_providers.integration_events e ON e.id = d.event_id
        WHERE d.status = 0 AND d.next_attempt_at <= @now
          AND NOT EXISTS (
            SELECT 1 FROM voip_providers.integration_event_deliveries waiting
            WHERE waiting.handler = d.handler AND waiting.provider_id = d.provider_id AND waiting.status = 0
              AND waiting.sequence < d.sequence AND waiting.next_attempt_at > @now)
        ORDER BY d.handler, d.provider_id, d.sequence
        LIMIT @limit
        """;

    private const string DeleteDeliveredSql = """
        DELETE FROM voip_providers.integration_event_deliveries d
        USING unnest(@event_ids, @handlers) AS done(event_id, handler)
        WHERE d.event_id = done.event_id AND d.handler = done.handler
        """;

    private const string RecordFailureSql = """
        UPDATE voip_providers.integration_event_deliveries
        SET attempts = @attempts, last_error = @last_error, next_attempt_at = @next_attempt_at,
            status = @status, parked_at = @parked_at
        WHERE event_id = @event_id AND handler = @handler AND status = 0
        """;

    /// <summary>Delivers what is due once; returns how many deliveries it made (0 when there was nothing to do).</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = await ReadDueAsync(settings.BatchSize, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var delivered = new List<DueDelivery>(due.Count);
        var failures = new List<(DueDelivery Delivery, Exception Error)>();
        var streams = due.GroupBy(d => (d.Handler, d.ProviderId)).Select(stream => stream.ToList());
        await Parallel.ForEachAsync(
            streams,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (stream, token) =>
            {
                foreach (var delivery in stream)
                {
                    var error = await DeliverAsync(delivery, settings.HandlerTimeout, token);
                    lock (delivered)
                    {
                        if (error is null)
                        {
                            delivered.Add(delivery);
                        }
                        else
                        {
                            failures.Add((delivery, error));
                        }
                    }

                    if (error is not null && delivery.Attempts + 1 < settings.MaxAttempts)
                    {
                        // The rest of this handler's events of the provider wait behind the retry (commit order).
                        break;
                    }
                }
            });

        await RecordAsync(delivered, failures, settings, CancellationToken.None);
        return delivered.Count + failures.Count;
    }

    private async Task<List<DueDelivery>> ReadDueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand(DueSql);
        command.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<DueDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueDelivery(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetGuid(2),
                reader.GetInt64(3),
                reader.GetInt32(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return due;
    }

    /// <summary>Calls the delivery's handler; returns what went wrong, or null when it took the event.</summary>
    private async Task<Exception?> DeliverAsync(DueDelivery delivery, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(delivery.TraceParent, traceState: null, out var parent);
        using var activity = ActivitySource.StartActivity(
            ActivityKind.Consumer,
            parentContext: default,
            tags: [new("messaging.operation", "process"), new("messaging.message.id", delivery.EventId.ToString())],
            links: parent == default ? null : [new ActivityLink(parent)],
            name: $"integration-event {delivery.EventType} → {delivery.Handler}");
        try
        {
            if (!IntegrationEventTypes.TryGetType(delivery.EventType, out var type))
            {
                throw new InvalidOperationException($"This version does not know the event type {delivery.EventType}.");
            }

            var integrationEvent = IntegrationEventTypes.Deserialize(delivery.Payload, type) with { Sequence = delivery.Sequence };
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices(IntegrationEventSubscriptions.HandlerInterfaceFor(type))
                .FirstOrDefault(candidate => IntegrationEventSubscriptions.IdentityOf(candidate!) == delivery.Handler)
                ?? throw new InvalidOperationException($"No handler {delivery.Handler} is registered for {delivery.EventType} on this replica.");
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            await HandlerInvoker.For(type)(handler, integrationEvent, timeoutSource.Token);
            metrics.Delivered(delivery.EventType, timeProvider.GetUtcNow() - delivery.OccurredAt);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of another module's handler is recorded against its delivery and retried.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            return exception;
        }
    }

    private async Task RecordAsync(
        List<DueDelivery> delivered,
        List<(DueDelivery Delivery, Exception Error)> failures,
        IntegrationEventsOptions settings,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.DataSource.OpenConnectionAsync(cancellationToken);
        if (delivered.Count > 0)
        {
            await using var delete = new NpgsqlCommand(DeleteDeliveredSql, connection);
            delete.Parameters.Add(new NpgsqlParameter("event_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = delivered.Select(d => d.EventId).ToArray() });
            delete.Parameters.Add(new NpgsqlParameter("handlers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = delivered.Select(d => d.Handler).ToArray() });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var now = timeProvider.GetUtcNow();
        foreach (var (delivery, error) in failures)
        {
            var attempts = delivery.Attempts + 1;
            var parked = attempts >= settings.MaxAttempts;
            var lastError = Truncate($"{error.GetType().FullName}: {error.Message}", 1000);
            await using var update = new NpgsqlCommand(RecordFailureSql, connection);
            update.Parameters.AddWithValue("attempts", attempts);
            update.Parameters.AddWithValue("last_error", lastError);
            update.Parameters.AddWithValue("next_attempt_at", parked ? now : now + RetryDelay(attempts, settings));
            update.Parameters.AddWithValue("status", (short)(parked ? IntegrationEventDeliveryStatus.Parked : IntegrationEventDeliveryStatus.Pending));
            update.Parameters.AddWithValue("parked_at", parked ? now : DBNull.Value);
            update.Parameters.AddWithValue("event_id", delivery.EventId);
            update.Parameters.AddWithValue("handler", delivery.Handler);
            await update.ExecuteNonQueryAsync(cancellationToken);
            if (parked)
            {
                logger.DeliveryParked(error, delivery.EventType, delivery.EventId, delivery.Handler, delivery.ProviderId, attempts);
                metrics.Parked(delivery.EventType, delivery.Handler);
            }
            else
            {
                logger.DeliveryFailed(error, delivery.EventType, delivery.EventId, delivery.Handler, attempts);
                metrics.Failed(delivery.EventType, delivery.Handler);
            }
        }
    }

    /// <summary>Exponential backoff with ±20 % jitter, capped.</summary>
    internal static TimeSpan RetryDelay(int attempts, IntegrationEventsOptions settings)
    {
        var exponent = Math.Min(attempts - 1, 30);
        var delay = Math.Min(settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent), settings.MaxRetryDelay.TotalMilliseconds);
#pragma warning disable CA5394 // Jitter spreads retries; it protects nothing.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(delay * jitter);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private sealed record DueDelivery(
        Guid EventId,
        string Handler,
        Guid ProviderId,
        long Sequence,
        int Attempts,
        string EventType,
        string Payload,
        DateTimeOffset OccurredAt,
        string? TraceParent);
}
