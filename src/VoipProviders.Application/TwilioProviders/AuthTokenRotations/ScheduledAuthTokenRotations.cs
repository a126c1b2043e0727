using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.TwilioProviders.Jobs.StartScheduledAuthTokenRotation;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Starts the rotations that providers' policies have made due: at most <see cref="AuthTokenRotationOptions.MaxStartsPerRun"/>
/// per run, one per Twilio account at a time, each with its first step at a random moment within
/// <see cref="AuthTokenRotationOptions.StartJitter"/>. One run at a time cluster-wide (the job engine's clustered store),
/// and each start commits against the provider's version, so a due rotation starts exactly once across replicas.
/// </summary>
[RecurringJob("auth-token-rotation", "scheduled-auth-token-rotations", "scheduled-auth-token-rotations-period")]
public sealed class ScheduledAuthTokenRotations(
    IAuthTokenRotations rotations,
    IServiceScopeFactory scopes,
    IOptions<AuthTokenRotationOptions> options,
    TimeProvider timeProvider,
    ILogger<ScheduledAuthTokenRotations> logger) : IRecurringJob
{
    public static TimeSpan PeriodFrom(IServiceProvider services) =>
        services.GetRequiredService<IOptions<AuthTokenRotationOptions>>().Value.SchedulerPeriod;

    Task IRecurringJob.RunAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    /// <returns>How many rotations this run started.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.SchedulerEnabled)
        {
            return 0;
        }

        var due = await rotations.FindDueAsync(timeProvider.GetUtcNow(), settings.MaxStartsPerRun, cancellationToken);
        var started = 0;
        foreach (var providerId in due)
        {
            var jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * settings.StartJitter.TotalMilliseconds);
            if (await StartInOwnScopeAsync(providerId.Value, jitter, cancellationToken))
            {
                started++;
            }
        }

        if (due.Count > 0)
        {
            logger.ScheduledRotationsStarted(started, due.Count - started);
        }

        return started;
    }

    private async Task<bool> StartInOwnScopeAsync(Guid providerId, TimeSpan startAfter, CancellationToken cancellationToken)
    {
        // Its own scope: one unit of work per provider, so one lost race never undoes another start.
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new StartScheduledAuthTokenRotationCommand(providerId, startAfter), cancellationToken);
        }
#pragma warning disable CA1031 // One provider's failure (a lost race, the database) must not stop the run; the next run tries again.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.ScheduledStartFailed(exception, providerId);
            return false;
        }
    }
}
