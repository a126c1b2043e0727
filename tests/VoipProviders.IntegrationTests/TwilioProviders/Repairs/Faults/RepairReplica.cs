using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs.Faults;

/// <summary>
/// A replica a test class shares (started on first use, stopped after the class) that repairs the way these tests need:
/// a repair holds its provider for <see cref="Lease"/> and what it announced is looked at a moment after; a SIP credential
/// it created and did not store is retired a second after that; Twilio calls time out after <see cref="AttemptTimeout"/>
/// an attempt; <see cref="Stop"/> can stop a repair as a crash would. It runs no background jobs: the fixture's host
/// runs the jobs its repairs queue, as another replica would.
/// </summary>
public sealed class RepairReplica : IAsyncLifetime
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    /// <summary>How long an attempt of a Twilio call may take: far above a call to the emulator, far below the fixture's.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);

    private TestHost? _host;

    public RepairStop Stop { get; } = new();

    public async Task<TestHost> StartedAsync(IntegrationFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return _host ??= await fixture.StartHostAsync(
            new Dictionary<string, string>
            {
                ["Twilio:Resilience:AttemptTimeout"] = AttemptTimeout.ToString(),
                ["Twilio:Resilience:TotalTimeout"] = (AttemptTimeout * 4).ToString(),
                ["BackgroundJobs:Enabled"] = "false",
                ["Repair:Lease"] = Lease.ToString(),
                ["Repair:LeftoverCheckDelay"] = "00:00:00.200",
                ["Sip:UnfinishedRotationGracePeriod"] = "00:00:01",
            },
            services => services.AddSingleton<IRepairCheckpoints>(Stop));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Stop.Release();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
