using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Verification;

/// <summary>
/// Runs a provider's verification exactly once at a time, cluster-wide: takes the provider's lease, runs the checks
/// within this replica's limits and the run's time budget, and stores the outcome only while the provider is still the
/// one that was checked. An inconclusive run (the upstream service unavailable) stores nothing. A status change is logged and
/// published to other modules. Works the same for every provider type: each brings its store and its checks.
/// </summary>
public sealed class ProviderVerifier(
    IEnumerable<IProviderVerificationStore> stores,
    IEnumerable<IProviderChecks> checks,
    IEnumerable<IVerificationFollowUp> followUps,
    VerificationThrottle throttle,
    VerificationsInFlight inFlight,
    ProviderChanges changes,
    IOptions<VerificationOptions> options,
    TimeProvider timeProvider,
    VerificationMetrics metrics,
    ILogger<ProviderVerifier> logger)
{
    public const string ChangedDuringVerificationCode = "provider_changed_during_verification";
    public const string VerificationInProgressCode = "verification_in_progress";

    /// <summary>Runs a caller may start before giving up on a provider that keeps changing under them.</summary>
    private const int MaxRuns = 3;

    /// <summary>The most a scheduled run is put off beyond the interval, as a fraction of it.</summary>
    private const double MaxJitter = 0.1;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Verifies the organization's provider now and returns it with the outcome stored. When a run of it is already
    /// going (here or on another replica), waits for that run and answers with its result instead of starting another.
    /// </summary>
    /// <exception cref="NotFoundException">The organization has no such provider.</exception>
    /// <exception cref="UpstreamFailureException">The upstream service was unavailable: inconclusive, nothing stored.</exception>
    public async Task<IVerifiableProvider> VerifyNowAsync(
        OrganizationId organizationId,
        ProviderId providerId,
        CancellationToken cancellationToken,
        VerificationTrigger trigger = VerificationTrigger.Manual)
    {
        var requestedAt = Timestamps.Normalize(timeProvider.GetUtcNow());
        var othersRan = false;
        IProviderVerificationStore? store = null;
        for (var run = 1; run <= MaxRuns; run++)
        {
            var found = await FindAsync(store, candidate => candidate.FindAsync(organizationId, providerId, cancellationToken))
                ?? throw new NotFoundException("Provider", providerId.Value);
            (store, var provider) = found;

            if (run > 1 && provider.LastVerifiedAt >= requestedAt)
            {
                // The run we waited for finished after we were asked: its result is the answer.
                return provider;
            }

            var runId = Guid.CreateVersion7(timeProvider.GetUtcNow());
            othersRan = !await TryStartAsync(store, provider.Id, runId, cancellationToken);
            if (othersRan)
            {
                await WaitAsCallerAsync(store, provider.Id, cancellationToken);
                continue;
            }

            if (await RunStartedAsync(store, provider, runId, trigger, cancellationToken) is { } verified)
            {
                return verified;
            }
        }

        throw othersRan
            ? new ConflictException(VerificationInProgressCode, "Other verifications of this provider kept it busy. Try again in a minute.")
            : new ConflictException(ChangedDuringVerificationCode, "The provider kept changing while it was being verified. Try again.");
    }

    /// <summary>
    /// Verifies a provider after a change committed at <paramref name="changedVersion"/>. Skipped (false) when the
    /// provider is gone or a newer change has queued its own verification; waits for a run already going.
    /// </summary>
    /// <exception cref="UpstreamFailureException">The upstream service was unavailable: inconclusive, nothing stored.</exception>
    public async Task<bool> VerifyAfterChangeAsync(ProviderId providerId, long changedVersion, CancellationToken cancellationToken)
    {
        IProviderVerificationStore? store = null;
        for (var run = 1; run <= MaxRuns; run++)
        {
            if (await FindAsync(store, candidate => candidate.FindForBackgroundAsync(providerId, cancellationToken)) is not { } found)
            {
                return false;
            }

            (store, var provider) = found;

            if (provider.Version > changedVersion)
            {
                logger.SupersededByNewerChange(provider.Id.Value, provider.Version, changedVersion);
                return false;
            }

            var runId = Guid.CreateVersion7(timeProvider.GetUtcNow());
            if (!await TryStartAsync(store, provider.Id, runId, cancellationToken))
            {
                // A run that started before the change cannot store its result; after it we run ours.
                await WaitForRunAsync(store, provider.Id, cancellationToken);
                continue;
            }

            if (await RunStartedAsync(store, provider, runId, VerificationTrigger.AfterChange, cancellationToken) is not null)
            {
                return true;
            }
        }

        // Still changing: each of those changes queued a verification of its own.
        return false;
    }

    /// <summary>
    /// Verifies a provider of <paramref name="type"/> the sweep claimed for run <paramref name="runId"/> (its lease is
    /// already held). Never throws but for cancellation: whatever happens is logged, and a run that stored nothing is
    /// due again after the jittered retry delay.
    /// </summary>
    public async Task VerifyClaimedAsync(ProviderType type, ProviderId providerId, Guid runId, CancellationToken cancellationToken)
    {
        var store = StoreOf(type);
        IVerifiableProvider? provider;
        try
        {
            provider = await store.FindForBackgroundAsync(providerId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.ScheduledRunFailed(exception, providerId.Value);
            await store.ReleaseAsync(providerId, runId, RetryAt(), CancellationToken.None);
            return;
        }

        if (provider is null)
        {
            return; // deleted: its lease went with it
        }

        try
        {
            await RunStartedAsync(store, provider, runId, VerificationTrigger.Scheduled, cancellationToken);
        }
        catch (UpstreamFailureException)
        {
            // Inconclusive: logged and rescheduled by the run itself.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The run has ended its lease and rescheduled itself already.
            logger.ScheduledRunFailed(exception, providerId.Value);
        }
    }

    /// <summary>
    /// The provider and the store of its type: the first store that has it, or only <paramref name="known"/> once a
    /// previous run found it there.
    /// </summary>
    private async Task<(IProviderVerificationStore Store, IVerifiableProvider Provider)?> FindAsync(
        IProviderVerificationStore? known,
        Func<IProviderVerificationStore, Task<IVerifiableProvider?>> find)
    {
        foreach (var store in known is null ? stores : [known])
        {
            if (await find(store) is { } provider)
            {
                return (store, provider);
            }
        }

        return null;
    }

    private IProviderVerificationStore StoreOf(ProviderType type) =>
        stores.FirstOrDefault(store => store.Type == type)
        ?? throw new InvalidOperationException($"Provider type '{type}' has no verification store.");

    private Task<bool> TryStartAsync(IProviderVerificationStore store, ProviderId providerId, Guid runId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return store.TryStartAsync(providerId, runId, now, now + options.Value.Lease, cancellationToken);
    }

    /// <returns>The provider with its verification stored, or null when it changed meanwhile and nothing was stored.</returns>
    private async Task<IVerifiableProvider?> RunStartedAsync(
        IProviderVerificationStore store,
        IVerifiableProvider provider,
        Guid runId,
        VerificationTrigger trigger,
        CancellationToken cancellationToken)
    {
        using var running = inFlight.Started(provider.Id.Value);
        var ended = false;
        try
        {
            IReadOnlyList<VerificationCheck> results;
            try
            {
                results = await RunChecksAsync(store.Type, provider, trigger, cancellationToken);
            }
            catch (UpstreamFailureException inconclusive)
            {
                // Whatever the checks could not classify (outage, throttling, an answer they did not expect) proves nothing.
                logger.Inconclusive(provider.Id.Value, provider.AccountKey, trigger, inconclusive.Code);
                metrics.Inconclusive(trigger);
                ended = true;
                await store.ReleaseAsync(provider.Id, runId, trigger == VerificationTrigger.Scheduled ? RetryAt() : null, CancellationToken.None);
                throw;
            }

            var now = timeProvider.GetUtcNow();
            var previous = provider.RecordVerification(results, now, NextScheduledAt(now));
            if (previous != provider.VerificationStatus)
            {
                // Written with the result, in its transaction (or not at all when the provider changed meanwhile).
                changes.Record(
                    provider,
                    AuditActions.VerificationStatusChanged,
                    new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["previousStatus"] = previous,
                        ["status"] = provider.VerificationStatus,
                        ["trigger"] = trigger,
                        ["checks"] = results.Where(c => c.Status != VerificationCheckStatus.Passed)
                            .Select(c => new { name = c.CheckName, status = c.Status }).ToList(),
                    },
                    new ProviderVerificationStatusChanged(
                        (ProviderVerificationStatus)previous, (ProviderVerificationStatus)provider.VerificationStatus, provider.LastVerifiedAt!.Value));
            }

            foreach (var followUp in followUps.Where(f => f.Type == store.Type))
            {
                followUp.Verified(provider, trigger);
            }

            var stored = await store.TryRecordAsync(provider, runId, CancellationToken.None);
            ended = true; // stored or not, recording ended the run
            if (!stored)
            {
                logger.Stale(provider.Id.Value, trigger);
                metrics.Stale(trigger);
                return null;
            }

            logger.Verified(provider.Id.Value, provider.AccountKey, trigger, provider.VerificationStatus);
            metrics.Verified(trigger, provider.VerificationStatus);
            if (previous != provider.VerificationStatus)
            {
                var level = provider.VerificationStatus is VerificationStatus.Failed or VerificationStatus.Warning ? LogLevel.Warning : LogLevel.Information;
                logger.StatusChanged(level, provider.Id.Value, provider.OrganizationId.Value, provider.AccountKey, previous, provider.VerificationStatus, trigger);
            }

            return provider;
        }
        finally
        {
            if (!ended)
            {
                // Cancelled or failed: let the next run start at once; a scheduled one is due again after the retry delay.
                await store.ReleaseAsync(provider.Id, runId, trigger == VerificationTrigger.Scheduled ? RetryAt() : null, CancellationToken.None);
            }
        }
    }

    private async Task<IReadOnlyList<VerificationCheck>> RunChecksAsync(
        ProviderType type,
        IVerifiableProvider provider,
        VerificationTrigger trigger,
        CancellationToken cancellationToken)
    {
        var typeChecks = checks.FirstOrDefault(c => c.Type == type)
            ?? throw new InvalidOperationException($"Provider type '{type}' has no checks.");
        // Per upstream account of the type: two types' accounts never share slots.
        await using var slot = await throttle.EnterAsync($"{type.Name}/{provider.AccountKey}", background: trigger is VerificationTrigger.AfterChange or VerificationTrigger.Scheduled, cancellationToken);
        using var timeout = new CancellationTokenSource(options.Value.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await typeChecks.RunAsync(provider, linked.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw typeChecks.TimedOut(exception);
        }
    }

    /// <summary>
    /// When the next scheduled run is due: a whole interval from now, plus up to a tenth of it at random, so providers
    /// created or recovered together drift apart instead of being verified in the same burst every interval.
    /// </summary>
    private DateTimeOffset NextScheduledAt(DateTimeOffset now) =>
        now + options.Value.Interval + (options.Value.Interval * (MaxJitter * Random.Shared.NextDouble()));

    /// <summary>When an inconclusive scheduled run is tried again: the retry delay ±50 %, never later than the interval.</summary>
    private DateTimeOffset RetryAt()
    {
        var delay = options.Value.InconclusiveRetryDelay * (0.5 + Random.Shared.NextDouble());
        return timeProvider.GetUtcNow() + (delay < options.Value.Interval ? delay : options.Value.Interval);
    }

    /// <summary>
    /// A caller waits for the running verification as long as one run may take, no longer: a run whose replica died
    /// holds its lease until it expires, and nobody should hang on an HTTP request that long.
    /// </summary>
    private async Task WaitAsCallerAsync(IProviderVerificationStore store, ProviderId providerId, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(options.Value.Timeout + TimeSpan.FromSeconds(5), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            await WaitForRunAsync(store, providerId, linked.Token);
        }
        catch (OperationCanceledException exception) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ConflictException(
                VerificationInProgressCode,
                "A verification of this provider is already running and has not finished. Try again in a minute.",
                exception);
        }
    }

    private async Task WaitForRunAsync(IProviderVerificationStore store, ProviderId providerId, CancellationToken cancellationToken)
    {
        if (inFlight.RunningHere(providerId.Value) is { } runningHere)
        {
            await runningHere.WaitAsync(cancellationToken);
            return;
        }

        // Running on another replica: its lease ends when it stores, releases or expires.
        while (await store.IsRunningAsync(providerId, timeProvider.GetUtcNow(), cancellationToken))
        {
            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }
    }
}
