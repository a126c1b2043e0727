using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Infrastructure.BackgroundWork;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.BackgroundWork;

/// <summary>
/// Provisioning intents older than <see cref="TwilioResourceCleanupOptions.UnfinishedConnectGracePeriod"/> (ADR-011):
/// a connect that neither committed nor cleaned up, whose reconciliation has not finished — pending (its job has not
/// run), reconciling (it is retrying) or abandoned (the trunk domain names and the friendly name to look for by hand).
/// </summary>
internal sealed class ProvisioningIntentsBackgroundWork(ModuleDataSource dataSource, IOptions<TwilioResourceCleanupOptions> options) : IBackgroundWorkSource
{
    private const string Tally = "SELECT count(*), min(created_at) FROM voip_providers.provisioning_intents WHERE created_at < @cutoff";

    private const string Page = """
        SELECT id, status, organization_id, account_sid, trunk_domain_names, resource_friendly_name, failed_attempts, last_failure, created_at
        FROM voip_providers.provisioning_intents
        WHERE created_at < @cutoff
        ORDER BY created_at, id
        OFFSET @skip LIMIT @take
        """;

    public BackgroundWorkCategory Category { get; } = new(
        "provisioning-intents",
        "provisioning_intents_past_grace",
        "{intent}",
        "Connects that neither committed nor cleaned up and are still unreconciled after their grace period.");

    public Task<BackgroundWorkTally> TallyAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        BackgroundWorkSql.TallyAsync(dataSource.DataSource, Tally, Cutoff(now), cancellationToken);

    public Task<PagedResponse<BackgroundWorkItem>> ListAsync(DateTimeOffset now, int skip, int take, CancellationToken cancellationToken) =>
        BackgroundWorkSql.PageAsync(dataSource.DataSource, Tally, Page, Cutoff(now), skip, take, reader =>
        {
            var since = reader.GetFieldValue<DateTimeOffset>(8);
            List<BackgroundWorkResource> resources =
            [
                .. reader.GetFieldValue<string[]>(4).Select(name => new BackgroundWorkResource("trunkDomainName", name)),
                new("friendlyName", reader.GetString(5)),
            ];
            var providerId = reader.GetGuid(0);
            return new BackgroundWorkItem(
                providerId.ToString(),
                reader.GetString(1),
                since,
                BackgroundWorkItem.SecondsBetween(since, now),
                reader.GetString(2),
                providerId,
                reader.GetString(3),
                reader.GetInt32(6),
                reader.NullableString(7),
                resources);
        }, cancellationToken);

    private DateTimeOffset Cutoff(DateTimeOffset now) => now - options.Value.UnfinishedConnectGracePeriod;
}
