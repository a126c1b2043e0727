using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Jobs.ReconcileProvisioningIntent;

public sealed class ReconcileProvisioningIntentCommandHandler(
    IProvisioningIntents intents,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    TwilioCleanupRun run,
    ILogger<ReconcileProvisioningIntentCommandHandler> logger) : ICommandHandler<ReconcileProvisioningIntentCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(ReconcileProvisioningIntentCommand command, CancellationToken cancellationToken)
    {
        var intentId = ProviderId.From(command.IntentId);
        var intent = await intents.FindAsync(intentId, cancellationToken);
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

            intent = await intents.FindAsync(intentId, cancellationToken);
            if (intent is null)
            {
                return BackgroundJobOutcome.Completed;
            }

            logger.Reconciling(intent.Id.Value, intent.AccountSid.Value);
        }

        var outcome = await run.RunAsync(
            intent,
            () => secretProtector.CredentialsOf(intent),
            credentials => DeleteWhatWasBuiltAsync(intent, credentials, cancellationToken));
        Report(intent, outcome);
        if (outcome.Done)
        {
            intents.Remove(intent);
        }

        return outcome.Job;
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
            logger.OrphanDeleted(intent.Id.Value, "credential list", credentialListSid, intent.AccountSid.Value);
            deleted++;
        }

        // Each planned name is random and used by this connect only; at most one was created, but all are checked.
        foreach (var domainName in intent.TrunkDomainNames)
        {
            if (await twilio.FindTrunkByDomainNameAsync(credentials, domainName, cancellationToken) is { } trunk)
            {
                await twilio.DeleteTrunkAsync(credentials, trunk.Sid, cancellationToken);
                logger.OrphanDeleted(intent.Id.Value, "trunk", trunk.Sid, intent.AccountSid.Value);
                deleted++;
            }
        }

        return deleted;
    }

    private void Report(ProvisioningIntent intent, TwilioCleanupOutcome outcome)
    {
        switch (outcome)
        {
            case { CredentialsUnreadable: true }:
                logger.ReconciliationCredentialsUnreadable(intent.Id.Value, intent.AccountSid.Value, DomainNames(intent), intent.ResourceFriendlyName);
                break;
            case { Done: true }:
                logger.Reconciled(intent.Id.Value, intent.AccountSid.Value, outcome.Deleted, run.Attempt);
                break;
            case { Job: BackgroundJobOutcome.RetryLater, Failure: { } failure }:
                logger.ReconciliationAttemptFailed(intent.Id.Value, intent.AccountSid.Value, run.Attempt, failure.Code);
                break;
            case { Failure: { } failure }:
                logger.ReconciliationGaveUp(intent.Id.Value, intent.AccountSid.Value, run.Attempt, failure.Code, DomainNames(intent), intent.ResourceFriendlyName);
                break;
        }
    }

    private static string DomainNames(ProvisioningIntent intent) => string.Join(", ", intent.TrunkDomainNames);
}
