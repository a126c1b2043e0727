using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.TwilioProviders.Jobs.AlignTrunkOrigination;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Origination;

/// <summary>
/// One pass of the origination rollout: finds the providers whose origination URLs are not in line with the current
/// settings and brings each in line (<see cref="AlignTrunkOriginationCommand"/>, under the provider's lease), up to
/// <see cref="SipOriginationOptions.RolloutConcurrency"/> at once, until none is left or the period is over. The job
/// engine starts a pass every <see cref="SipOriginationOptions.RolloutPeriod"/>, one at a time cluster-wide; progress is
/// stored per provider, so a replica that stops mid-pass leaves the rest to the next pass, wherever it runs.
/// </summary>
[RecurringJob("origination", "origination-rollout", "origination-rollout-period")]
public sealed class OriginationRollout(
    IOriginationRollouts rollouts,
    OriginationPlan plan,
    IServiceScopeFactory scopes,
    IOptions<SipOriginationOptions> options,
    TimeProvider timeProvider,
    ILogger<OriginationRollout> logger) : IRecurringJob
{
    public static TimeSpan PeriodFrom(IServiceProvider services) =>
        services.GetRequiredService<IOptions<SipOriginationOptions>>().Value.RolloutPeriod;

    Task IRecurringJob.RunAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    /// <returns>How many providers this pass brought in line, could not (yet), and found without a trunk.</returns>
    public async Task<OriginationRolloutResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.RolloutEnabled)
        {
            return new OriginationRolloutResult(0, 0);
        }

        var newest = await rollouts.RecordSettingsAsync(plan.Revision, plan.StartedAt, cancellationToken);
        if (!string.Equals(newest, plan.Revision, StringComparison.Ordinal))
        {
            logger.RolloutSuperseded(plan.Revision, newest);
            return new OriginationRolloutResult(0, 0);
        }

        var deadline = timeProvider.GetUtcNow() + settings.RolloutPeriod;
        var (aligned, failed) = (0, 0);
        var tried = new HashSet<ProviderId>();
        while (timeProvider.GetUtcNow() < deadline)
        {
            var stale = await rollouts.FindStaleAsync(
                plan.RevisionFor(secure: false),
                plan.RevisionFor(secure: true),
                timeProvider.GetUtcNow(),
                settings.RolloutConcurrency + tried.Count,
                cancellationToken);
            var batch = stale.Where(tried.Add).Take(settings.RolloutConcurrency).ToList();
            if (batch.Count == 0)
            {
                break;
            }

            var outcomes = await Task.WhenAll(batch.Select(id => AlignInOwnScopeAsync(id, cancellationToken)));
            aligned += outcomes.Count(done => done);
            failed += outcomes.Count(done => !done);
        }

        if (aligned + failed > 0)
        {
            logger.RolloutPass(plan.Revision, aligned, failed);
        }

        return new OriginationRolloutResult(aligned, failed);
    }

    private async Task<bool> AlignInOwnScopeAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        // Its own scope: one unit of work per provider, so one failure never undoes another's progress.
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new AlignTrunkOriginationCommand(providerId.Value), cancellationToken);
            return outcome == BackgroundJobOutcome.Completed;
        }
#pragma warning disable CA1031 // One provider's failure (a lost race, the database) must not stop the pass; the next pass retries it.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.RolloutFailed(exception, providerId.Value);
            return false;
        }
    }
}
