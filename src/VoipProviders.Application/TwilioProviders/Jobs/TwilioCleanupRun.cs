using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Jobs;

/// <summary>
/// One attempt of a durable clean-up in a tenant's Twilio account — a deleted provider's resources, an unfinished
/// connect's — and its bookkeeping on the <see cref="DurableOperation"/> that records it: the stored credentials are
/// decrypted (a lost key gives up at once: no retry can bring it back), the work runs, and a Twilio failure is counted
/// and either retried later or, on the job's last attempt (or after
/// <see cref="TwilioResourceCleanupOptions.MaxAttemptsWhenCredentialsRejected"/> runs Twilio rejected the credentials),
/// given up. What to log and what to remove on success stays with each job.
/// </summary>
public sealed class TwilioCleanupRun(IBackgroundJobContext job, IOptions<TwilioResourceCleanupOptions> options, TimeProvider timeProvider)
{
    public int Attempt => job.Attempt;

    /// <summary>Runs <paramref name="work"/> (deletes what is left; a resource already gone counts as deleted; answers how many it deleted) and books its outcome on <paramref name="operation"/>.</summary>
    public async Task<TwilioCleanupOutcome> RunAsync(
        DurableOperation operation,
        Func<TwilioCredentials> storedCredentials,
        Func<TwilioCredentials, Task<int>> work)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(storedCredentials);
        ArgumentNullException.ThrowIfNull(work);
        TwilioCredentials credentials;
        try
        {
            credentials = storedCredentials();
        }
        catch (CryptographicException)
        {
            // The key that protected the token is gone (key ring lost or replaced): no retry can bring it back.
            operation.RecordFailedAttempt("stored credentials cannot be decrypted", timeProvider.GetUtcNow());
            operation.Abandon(timeProvider.GetUtcNow());
            return new TwilioCleanupOutcome(BackgroundJobOutcome.GaveUp, CredentialsUnreadable: true);
        }

        try
        {
            return new TwilioCleanupOutcome(BackgroundJobOutcome.Completed, Deleted: await work(credentials));
        }
        catch (TwilioCredentialsRejectedException rejected)
        {
            return Failed(operation, rejected, job.IsLastAttempt || job.Attempt >= options.Value.MaxAttemptsWhenCredentialsRejected);
        }
        catch (TwilioGatewayException failure)
        {
            return Failed(operation, failure, job.IsLastAttempt);
        }
    }

    private TwilioCleanupOutcome Failed(DurableOperation operation, TwilioGatewayException failure, bool stop)
    {
        var now = timeProvider.GetUtcNow();
        operation.RecordFailedAttempt(failure.Summary, now);
        if (!stop)
        {
            return new TwilioCleanupOutcome(BackgroundJobOutcome.RetryLater, Failure: failure);
        }

        operation.Abandon(now);
        return new TwilioCleanupOutcome(BackgroundJobOutcome.GaveUp, Failure: failure);
    }
}
