using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Infrastructure.Auditing;
using VoipProviders.Infrastructure.BackgroundJobs;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs.Faults;

/// <summary>
/// A second replica a test class shares (started on first use, stopped after the class) that allows
/// <see cref="MaxAutomaticRepairsPerDay"/> automatic repair a day. While a test runs it (<see cref="RunAsync"/>) it
/// alone runs background jobs — the fixture's host is paused — and it stops taking jobs when the test is done, before
/// the next test empties the database.
/// </summary>
public sealed class AutoRepairReplica : IAsyncLifetime
{
    public const int MaxAutomaticRepairsPerDay = 1;

    private TestHost? _host;

    public TestHost Host => _host ?? throw new InvalidOperationException("Not started: call RunAsync first.");

    /// <summary>
    /// Pauses the fixture's jobs and lets the replica run them (or not yet, with <paramref name="takeJobs"/> false: see
    /// <see cref="TakeJobsAsync"/>); disposing the answer stops it taking jobs again.
    /// </summary>
    public async Task<IAsyncDisposable> RunAsync(IntegrationFixture fixture, bool takeJobs = true)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        if (_host is null)
        {
            _host = await fixture.StartHostAsync(new Dictionary<string, string>
            {
                ["Repair:MaxAutomaticRepairsPerDay"] = MaxAutomaticRepairsPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            // A replica takes jobs from its start: until the test lets it, it does not.
            await PauseAsync(_host);
        }

        await fixture.PauseBackgroundJobsAsync();
        _host.Logs.Clear();
        if (takeJobs)
        {
            await TakeJobsAsync();
        }

        return new Running(_host);
    }

    /// <summary>Lets the replica take jobs.</summary>
    public async Task TakeJobsAsync() => await (await SchedulerOf(Host)).Start();

    /// <summary>
    /// Verifies the provider on the replica of <paramref name="services"/> as the background verification after a change
    /// to <paramref name="version"/> does (what it queues, it stores with its outcome).
    /// </summary>
    public static async Task VerifyAfterChangeAsync(IServiceProvider services, Guid providerId, long version)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActorScope>().RunAsJob("provider-verification-after-change");
        (await scope.ServiceProvider.GetRequiredService<ProviderVerifier>()
            .VerifyAfterChangeAsync(ProviderId.From(providerId), version, CancellationToken.None))
            .Should().BeTrue("the verification of that version ran and stored its outcome");

        // What the verification queued is dispatched at once, as after a unit of work's commit, not at the next poll of
        // the outbox: the store of a verification's outcome does not wake the dispatcher.
        await scope.ServiceProvider.GetRequiredService<IOutboxNotifier>().NotifyAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static async Task<IScheduler> SchedulerOf(TestHost host) =>
        await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    /// <summary>Stops the replica taking jobs and waits until none runs there, and none has for a moment.</summary>
    private static async Task PauseAsync(TestHost host)
    {
        var scheduler = await SchedulerOf(host);
        await scheduler.Standby();
        var query = new FireInstanceQuery { State = FireInstanceState.Executing, SchedulerInstanceId = scheduler.SchedulerInstanceId };
        var quietSince = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Stopwatch.GetElapsedTime(quietSince) < TimeSpan.FromMilliseconds(300))
        {
            if ((await scheduler.QueryFireInstances(query, timeout.Token)).Items.Count > 0)
            {
                quietSince = Stopwatch.GetTimestamp();
            }

            await Task.Delay(25, timeout.Token);
        }
    }

    /// <summary>The replica running for one test: disposed, it stops taking jobs.</summary>
    private sealed class Running(TestHost host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await PauseAsync(host);
    }
}
