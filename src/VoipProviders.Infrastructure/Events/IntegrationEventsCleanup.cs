using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// Deletes delivered events older than <see cref="IntegrationEventsOptions.RetentionDays"/>, every hour, on one replica at
/// a time. An event with a delivery still pending or parked is kept.
/// </summary>
[RecurringJob("maintenance", "integration-events-cleanup", "integration-events-cleanup-period")]
internal sealed class IntegrationEventsCleanup(ModuleDataSource dataSource, IOptions<IntegrationEventsOptions> options, TimeProvider timeProvider) : IRecurringJob
{
    public static TimeSpan PeriodFrom(IServiceProvider services) => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.DataSource.CreateCommand("""
            DELETE FROM voip_providers.integration_events e
            WHERE e.id < @before
              AND NOT EXISTS (SELECT 1 FROM voip_providers.integration_event_deliveries d WHERE d.event_id = e.id)
            """);
        // Ids are version 7 UUIDs made from occurredAt: the oldest events are the lowest ids, found through the key.
        command.Parameters.AddWithValue("before", VersionSevenIds.Floor(timeProvider.GetUtcNow().AddDays(-options.Value.RetentionDays)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
