using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers.Verification;

/// <summary>
/// One pass of the scheduled re-verification: claims the providers of every type whose verification is due and
/// verifies them, up to <see cref="VerificationOptions.MaxConcurrency"/> at once, each in its own DI scope, until none
/// is due or the sweep period is over. The job engine starts a pass every <see cref="VerificationOptions.SweepPeriod"/>,
/// one at a time cluster-wide; a replica that dies mid-sweep leaves its claimed providers to be claimed again when
/// their leases end.
/// </summary>
[RecurringJob("verification", "verification-sweep", "verification-sweep-period")]
public sealed class VerificationSweep(
    IEnumerable<IProviderVerificationStore> stores,
    IServiceScopeFactory scopes,
    IOptions<VerificationOptions> options,
    TimeProvider timeProvider,
    ILogger<VerificationSweep> logger) : IRecurringJob
{
    public static TimeSpan PeriodFrom(IServiceProvider services) =>
        services.GetRequiredService<IOptions<VerificationOptions>>().Value.SweepPeriod;

    Task IRecurringJob.RunAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    /// <returns>How many providers this pass verified (or tried to).</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.SweepEnabled)
        {
            return 0;
        }

        var started = timeProvider.GetTimestamp();
        var deadline = timeProvider.GetUtcNow() + settings.SweepPeriod;
        var running = new List<Task>(settings.MaxConcurrency);
        var verified = 0;
        var nothingDue = false;
        try
        {
            while (true)
            {
                // Claim only as many as there are free slots: a claimed provider's lease runs from the claim.
                var now = timeProvider.GetUtcNow();
                if (!nothingDue && running.Count < settings.MaxConcurrency && now < deadline)
                {
                    var free = settings.MaxConcurrency - running.Count;
                    var runId = Guid.CreateVersion7(now);
                    var claimed = 0;
                    foreach (var store in stores)
                    {
                        if (claimed == free)
                        {
                            break;
                        }

                        var ids = await store.ClaimDueAsync(runId, now, now + settings.Lease, free - claimed, cancellationToken);
                        running.AddRange(ids.Select(id => VerifyInOwnScopeAsync(store.Type, id, runId, cancellationToken)));
                        claimed += ids.Count;
                    }

                    nothingDue = claimed < free;
                    verified += claimed;
                }

                if (running.Count == 0)
                {
                    break;
                }

                var finished = await Task.WhenAny(running);
                running.Remove(finished);
                await finished;
            }
        }
        finally
        {
            // Never leave a verification running unobserved (the scope it uses would be disposed under it).
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (verified > 0)
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            logger.SweepFinished(verified, (long)elapsed.TotalMilliseconds);
        }

        return verified;
    }

    private async Task VerifyInOwnScopeAsync(ProviderType type, ProviderId providerId, Guid runId, CancellationToken cancellationToken)
    {
        // Its own scope: a database context serves one operation at a time, and one run's state must not touch another's.
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProviderVerifier>().VerifyClaimedAsync(type, providerId, runId, cancellationToken);
    }
}
