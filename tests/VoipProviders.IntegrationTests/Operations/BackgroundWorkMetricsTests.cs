using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using VoipProviders.Infrastructure.BackgroundWork;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Operations;

/// <summary>
/// Issue #23 §4: the counts of stuck background work are gauges of meter <c>VoipProviders.BackgroundWork</c>, read from
/// the replica's snapshot (never from the database on the exporter's thread) and updated by its refresh.
/// </summary>
public sealed class BackgroundWorkMetricsTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string Meter = "VoipProviders.BackgroundWork";

    [Fact]
    public async Task The_gauges_report_each_count_and_the_oldest_age_as_of_the_last_refresh()
    {
        await Fixture.PauseBackgroundJobsAsync();
        var factory = Fixture.Services.GetRequiredService<IMeterFactory>();
        using var cleanups = new MetricCollector<long>(factory, Meter, "voip_providers.background_work.abandoned_cleanups");
        using var cleanupsAge = new MetricCollector<double>(factory, Meter, "voip_providers.background_work.abandoned_cleanups_oldest_age");
        using var outbox = new MetricCollector<long>(factory, Meter, "voip_providers.background_work.outbox_jobs");
        using var parked = new MetricCollector<long>(factory, Meter, "voip_providers.background_work.parked_deliveries");
        using var intents = new MetricCollector<long>(factory, Meter, "voip_providers.background_work.provisioning_intents_past_grace");
        using var overdue = new MetricCollector<long>(factory, Meter, "voip_providers.background_work.overdue_verifications");
        var snapshot = Fixture.Services.GetRequiredService<BackgroundWorkSnapshot>();
        await snapshot.RefreshAsync(CancellationToken.None);
        var stuck = new StuckWork(Fixture.ConnectionString);
        await stuck.AbandonedCleanupAsync(OrgA, TimeSpan.FromHours(3), BackgroundWorkEndpointTests.Sid("TK", 'a'), BackgroundWorkEndpointTests.Sid("CL", 'a'));
        await stuck.AbandonedCleanupAsync(OrgB, TimeSpan.FromHours(1), BackgroundWorkEndpointTests.Sid("TK", 'b'), BackgroundWorkEndpointTests.Sid("CL", 'b'));
        await stuck.OutboxJobAsync(TimeSpan.FromMinutes(1));
        await stuck.ParkedDeliveryAsync(OrgA, TimeSpan.FromHours(1), "Agents.Handler");
        await stuck.ProvisioningIntentAsync(OrgA, TimeSpan.FromHours(1), "abandoned");

        Observe(cleanups, outbox, parked, intents, overdue);
        cleanupsAge.RecordObservableInstruments();
        var before = (cleanups.LastMeasurement!.Value, cleanupsAge.LastMeasurement!.Value);
        await snapshot.RefreshAsync(CancellationToken.None);
        Observe(cleanups, outbox, parked, intents, overdue);
        cleanupsAge.RecordObservableInstruments();

        before.Should().Be((0L, 0d), "the rows came after the last refresh: the gauge does not read the database itself");
        cleanups.LastMeasurement!.Value.Should().Be(2);
        cleanupsAge.LastMeasurement!.Value.Should().BeInRange(3 * 3600, 3 * 3600 + 120);
        cleanups.Instrument!.Unit.Should().Be("{cleanup}");
        cleanupsAge.Instrument!.Unit.Should().Be("s");
        outbox.LastMeasurement!.Value.Should().Be(1);
        outbox.Instrument!.Unit.Should().Be("{job}");
        parked.LastMeasurement!.Value.Should().Be(1);
        intents.LastMeasurement!.Value.Should().Be(1);
        overdue.LastMeasurement!.Value.Should().Be(0);
    }

    private static void Observe(params MetricCollector<long>[] collectors)
    {
        foreach (var collector in collectors)
        {
            collector.RecordObservableInstruments();
        }
    }
}
