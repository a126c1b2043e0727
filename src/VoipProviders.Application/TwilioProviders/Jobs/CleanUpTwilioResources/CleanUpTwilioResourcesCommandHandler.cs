using System.Security.Cryptography;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;

public sealed class CleanUpTwilioResourcesCommandHandler(
    ITwilioResourceCleanupRepository cleanups,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    IBackgroundJobContext job,
    IOptions<TwilioResourceCleanupOptions> options,
    TimeProvider timeProvider,
    ILogger<CleanUpTwilioResourcesCommandHandler> logger) : ICommandHandler<CleanUpTwilioResourcesCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(CleanUpTwilioResourcesCommand command, CancellationToken cancellationToken)
    {
        var cleanup = await cleanups.FindAsync(command.CleanupId, cancellationToken);
        if (cleanup is not { Status: ResourceCleanupStatus.Pending })
        {
            // Done or abandoned by an earlier run: nothing left to do.
            return BackgroundJobOutcome.Completed;
        }

        TwilioCredentials credentials;
        try
        {
            credentials = secretProtector.CredentialsOf(cleanup);
        }
        catch (CryptographicException)
        {
            // The key that protected the token is gone (key ring lost or replaced): no retry can bring it back.
            cleanup.RecordFailedAttempt("stored credentials cannot be decrypted", timeProvider.GetUtcNow());
            cleanup.Abandon(timeProvider.GetUtcNow());
            logger.CleanupCredentialsUnreadable(cleanup.TrunkSid, cleanup.CredentialListSid, cleanup.AccountSid, cleanup.Id);
            return BackgroundJobOutcome.GaveUp;
        }

        try
        {
            // The numbers first, then the trunk, then the list with its credential. A resource that is already gone
            // counts as deleted, so a run that repeats a step after a partial failure is harmless.
            foreach (var phoneNumberSid in cleanup.PhoneNumberSids)
            {
                await twilio.DetachPhoneNumberAsync(credentials, cleanup.TrunkSid, phoneNumberSid, cancellationToken);
            }

            await twilio.DeleteTrunkAsync(credentials, cleanup.TrunkSid, cancellationToken);
            await twilio.DeleteCredentialListAsync(credentials, cleanup.CredentialListSid, cancellationToken);
        }
        catch (TwilioCredentialsRejectedException rejected)
        {
            var stop = job.IsLastAttempt || job.Attempt >= options.Value.MaxAttemptsWhenCredentialsRejected;
            return Failed(cleanup, rejected, stop, credentialsRejected: true);
        }
        catch (TwilioGatewayException failure)
        {
            return Failed(cleanup, failure, job.IsLastAttempt, credentialsRejected: false);
        }

        cleanups.Remove(cleanup);
        logger.CleanupCompleted(cleanup.Id, cleanup.TrunkSid, cleanup.CredentialListSid, cleanup.AccountSid, job.Attempt);
        return BackgroundJobOutcome.Completed;
    }

    private BackgroundJobOutcome Failed(TwilioResourceCleanup cleanup, TwilioGatewayException failure, bool stop, bool credentialsRejected)
    {
        var now = timeProvider.GetUtcNow();
        cleanup.RecordFailedAttempt(failure.Summary, now);
        if (!stop)
        {
            logger.CleanupAttemptFailed(cleanup.Id, cleanup.TrunkSid, cleanup.CredentialListSid, cleanup.AccountSid, job.Attempt, failure.Code);
            return BackgroundJobOutcome.RetryLater;
        }

        cleanup.Abandon(now);
        if (credentialsRejected)
        {
            logger.CleanupStoppedCredentialsRejected(cleanup.TrunkSid, cleanup.CredentialListSid, cleanup.AccountSid, cleanup.Id, job.Attempt);
        }
        else
        {
            logger.CleanupGaveUp(cleanup.TrunkSid, cleanup.CredentialListSid, cleanup.AccountSid, cleanup.Id, job.Attempt, failure.Code);
        }

        return BackgroundJobOutcome.GaveUp;
    }
}
