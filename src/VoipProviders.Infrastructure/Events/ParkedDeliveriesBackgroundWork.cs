using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Application.Common.Models;
using VoipProviders.Infrastructure.BackgroundWork;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// Deliveries of integration events that ran out of attempts (ADR-015), oldest parked first; retried with
/// <c>POST /internal/v1/integration-events/parked/retry</c>.
/// </summary>
internal sealed class ParkedDeliveriesBackgroundWork(ModuleDataSource dataSource) : IBackgroundWorkSource
{
    private const string Tally = "SELECT count(*), min(parked_at) FROM voip_providers.integration_event_deliveries WHERE status = 1";

    private const string Page = """
        SELECT d.event_id, e.event_type, d.handler, e.organization_id, d.provider_id, d.attempts, d.last_error, d.parked_at
        FROM voip_providers.integration_event_deliveries d
        JOIN voip_providers.integration_events e ON e.id = d.event_id
        WHERE d.status = 1
        ORDER BY d.parked_at, d.event_id, d.handler
        OFFSET @skip LIMIT @take
        """;

    public BackgroundWorkCategory Category { get; } = new(
        "parked-deliveries",
        "parked_deliveries",
        "{delivery}",
        "Deliveries of integration events to a handler that ran out of attempts.");

    public Task<BackgroundWorkTally> TallyAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BackgroundWorkSql.TallyAsync(dataSource.DataSource, Tally, now, cancellationToken);

    public Task<PagedResponse<BackgroundWorkItem>> ListAsync(DateTimeOffset now, int skip, int take, CancellationToken cancellationToken) =>
        BackgroundWorkSql.PageAsync(dataSource.DataSource, Tally, Page, now, skip, take, reader =>
        {
            var since = reader.GetFieldValue<DateTimeOffset>(7);
            return new BackgroundWorkItem(
                reader.GetGuid(0).ToString(),
                "parked",
                since,
                BackgroundWorkItem.SecondsBetween(since, now),
                reader.GetString(3),
                reader.GetGuid(4),
                AccountSid: null,
                reader.GetInt32(5),
                reader.NullableString(6),
                [new BackgroundWorkResource("eventType", reader.GetString(1)), new BackgroundWorkResource("handler", reader.GetString(2))]);
        }, cancellationToken);
}
