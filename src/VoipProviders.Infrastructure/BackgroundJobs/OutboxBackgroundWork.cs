using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Application.Common.Models;
using VoipProviders.Infrastructure.BackgroundWork;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Jobs committed to the outbox and not yet handed to the job engine (which normally takes them within a second of
/// their commit, or an outbox poll later). A job due later leaves the outbox at once too: it waits in the engine.
/// </summary>
internal sealed class OutboxBackgroundWork(ModuleDataSource dataSource) : IBackgroundWorkSource
{
    private const string Tally = "SELECT count(*), min(enqueued_at) FROM voip_providers.background_job_outbox";

    private const string Page = """
        SELECT id, job_name, enqueued_at
        FROM voip_providers.background_job_outbox
        ORDER BY enqueued_at, id
        OFFSET @skip LIMIT @take
        """;

    public BackgroundWorkCategory Category { get; } = new(
        "outbox",
        "outbox_jobs",
        "{job}",
        "Background jobs committed to the outbox and not yet handed to the job engine.");

    public Task<BackgroundWorkTally> TallyAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BackgroundWorkSql.TallyAsync(dataSource.DataSource, Tally, now, cancellationToken);

    public Task<PagedResponse<BackgroundWorkItem>> ListAsync(DateTimeOffset now, int skip, int take, CancellationToken cancellationToken) =>
        BackgroundWorkSql.PageAsync(dataSource.DataSource, Tally, Page, now, skip, take, reader =>
        {
            var since = reader.GetFieldValue<DateTimeOffset>(2);
            return new BackgroundWorkItem(
                reader.GetGuid(0).ToString(),
                "queued",
                since,
                BackgroundWorkItem.SecondsBetween(since, now),
                OrganizationId: null,
                ProviderId: null,
                AccountSid: null,
                Attempts: 0,
                LastFailure: null,
                [new BackgroundWorkResource("job", reader.GetString(1))]);
        }, cancellationToken);
}
