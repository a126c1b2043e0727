using System.Security.Cryptography;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Jobs.ReconcileProvisioningIntent;

public sealed class ReconcileProvisioningIntentCommandHandler(
    IProvisioningIntents intents,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    IBackgroundJobContext job,
    IOptions<TwilioResourceCleanupOptions> options,
    TimeProvider timeProvider,
    ILogger<ReconcileProvisioningIntentCommandHandler> logger) : ICommandHandler<ReconcileProvisioningIntentCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(ReconcileProvisioningIntentCommand command, CancellationToken cancellationToken)
    {
        var intent = await intents.FindAsync(command.IntentId, cancellationToken);
        if (intent is null or { Status: ProvisioningIntentStatus.Abandoned })
        {
            // The connect committed or cleaned up after itself (the usual case), or an earlier run gave up.
            return BackgroundJobOutcome.Completed;
        }

        if (intent.Status == ProvisioningIntentStatus.Pending)
        {
            // Committed before any delete: from here on the connect cannot commit a provider pointing at these resources.
            if (!await intents.TakeForReconciliationAsync(intent.Id, cancellationToken))
            {
                return BackgroundJobOutcome.Completed;
            }

            intent = await intents.FindAsync(command.IntentId, cancellationToken);
            if (intent is null)
            {
                return BackgroundJobOutcome.Completed;
            }

            logger.Reconciling(intent.Id, intent.AccountSid);
        }

        TwilioCredentials credentials;
        try
        {
            credentials = secretProtector.CredentialsOf(intent);
        }
        catch (CryptographicException)
        {
            // The key that protected the token is gone: no retry can bring it back.
            intent.RecordFailedAttempt("stored credentials cannot be decrypted", timeProvider.GetUtcNow());
            intent.Abandon(timeProvider.GetUtcNow());
            logger.ReconciliationCredentialsUnreadable(intent.Id, intent.AccountSid, DomainNames(intent), intent.ResourceFriendlyName);
            return BackgroundJobOutcome.GaveUp;
        }

        int deleted;
        try
        {
            deleted = await DeleteWhatWasBuiltAsync(intent, credentials, cancellationToken);
        }
        catch (TwilioCredentialsRejectedException rejected)
        {
            var stop = job.IsLastAttempt || job.Attempt >= options.Value.MaxAttemptsWhenCredentialsRejected;
            return Failed(intent, rejected, stop);
        }
        catch (TwilioGatewayException failure)
        {
            return Failed(intent, failure, job.IsLastAttempt);
        }

        intents.Remove(intent);
        logger.Reconciled(intent.Id, intent.AccountSid, deleted, job.Attempt);
        return BackgroundJobOutcome.Completed;
    }

    /// <summary>
    /// The credential list first, then the trunk, as the connect's own compensation does. A resource that is already
    /// gone counts as deleted, so a run that repeats a step after a partial failure is harmless.
    /// </summary>
    private async Task<int> DeleteWhatWasBuiltAsync(ProvisioningIntent intent, TwilioCredentials credentials, CancellationToken cancellationToken)
    {
        var deleted = 0;
        if (await twilio.FindCredentialListByFriendlyNameAsync(credentials, intent.ResourceFriendlyName, cancellationToken) is { } credentialListSid)
        {
            await twilio.DeleteCredentialListAsync(credentials, credentialListSid, cancellationToken);
            logger.OrphanDeleted(intent.Id, "credential list", credentialListSid, intent.AccountSid);
            deleted++;
        }

        // Each planned name is random and used by this connect only; at most one was created, but all are checked.
        foreach (var domainName in intent.TrunkDomainNames)
        {
            if (await twilio.FindTrunkByDomainNameAsync(credentials, domainName, cancellationToken) is { } trunk)
            {
                await twilio.DeleteTrunkAsync(credentials, trunk.Sid, cancellationToken);
                logger.OrphanDeleted(intent.Id, "trunk", trunk.Sid, intent.AccountSid);
                deleted++;
            }
        }

        return deleted;
    }

    private BackgroundJobOutcome Failed(ProvisioningIntent intent, TwilioGatewayException failure, bool stop)
    {
        var now = timeProvider.GetUtcNow();
        intent.RecordFailedAttempt(failure.Summary, now);
        if (!stop)
        {
            logger.ReconciliationAttemptFailed(intent.Id, intent.AccountSid, job.Attempt, failure.Code);
            return BackgroundJobOutcome.RetryLater;
        }

        intent.Abandon(now);
        logger.ReconciliationGaveUp(intent.Id, intent.AccountSid, job.Attempt, failure.Code, DomainNames(intent), intent.ResourceFriendlyName);
        return BackgroundJobOutcome.GaveUp;
    }

    private static string DomainNames(ProvisioningIntent intent) => string.Join(", ", intent.TrunkDomainNames);
}
