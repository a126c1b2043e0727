using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Application.Common.Models;
using VoipProviders.Infrastructure.BackgroundWork;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.BackgroundWork;

/// <summary>
/// Clean-ups of deleted providers' Twilio resources that were given up (ADR-006, ADR-011): the trunk, the credential
/// list and the numbers to remove by hand — or to retry with
/// <c>POST /internal/v1/background-work/abandoned-cleanups/{id}/retry</c>. Oldest deletion first.
/// </summary>
internal sealed class AbandonedCleanupsBackgroundWork(ModuleDataSource dataSource) : IBackgroundWorkSource
{
    private const string Tally = "SELECT count(*), min(requested_at) FROM voip_providers.twilio_resource_cleanups WHERE status = 'abandoned'";

    private const string Page = """
        SELECT id, organization_id, provider_id, account_sid, trunk_sid, credential_list_sid, phone_number_sids, failed_attempts, last_failure, requested_at
        FROM voip_providers.twilio_resource_cleanups
        WHERE status = 'abandoned'
        ORDER BY requested_at, id
        OFFSET @skip LIMIT @take
        """;

    public BackgroundWorkCategory Category { get; } = new(
        "abandoned-cleanups",
        "abandoned_cleanups",
        "{cleanup}",
        "Clean-ups of deleted providers' Twilio resources that were given up: the resources need removing by hand or a retry.");

    public Task<BackgroundWorkTally> TallyAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BackgroundWorkSql.TallyAsync(dataSource.DataSource, Tally, now, cancellationToken);

    public Task<PagedResponse<BackgroundWorkItem>> ListAsync(DateTimeOffset now, int skip, int take, CancellationToken cancellationToken) =>
        BackgroundWorkSql.PageAsync(dataSource.DataSource, Tally, Page, now, skip, take, reader =>
        {
            var since = reader.GetFieldValue<DateTimeOffset>(9);
            List<BackgroundWorkResource> resources =
            [
                new("trunk", reader.GetString(4)),
                new("credentialList", reader.GetString(5)),
                .. reader.GetFieldValue<string[]>(6).Select(sid => new BackgroundWorkResource("phoneNumber", sid)),
            ];
            return new BackgroundWorkItem(
                reader.GetGuid(0).ToString(),
                "abandoned",
                since,
                BackgroundWorkItem.SecondsBetween(since, now),
                reader.GetString(1),
                reader.GetGuid(2),
                reader.GetString(3),
                reader.GetInt32(7),
                reader.NullableString(8),
                resources);
        }, cancellationToken);
}
