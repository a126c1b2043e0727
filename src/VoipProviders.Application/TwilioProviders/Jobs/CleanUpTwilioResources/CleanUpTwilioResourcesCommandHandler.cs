using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;

public sealed class CleanUpTwilioResourcesCommandHandler(
    ITwilioResourceCleanupRepository cleanups,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    TwilioCleanupRun run,
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

        var outcome = await run.RunAsync(
            cleanup,
            () => secretProtector.CredentialsOf(cleanup),
            async credentials =>
            {
                // A secondary Auth Token a stopped rotation left, then the numbers, then the trunk, then the list with its
                // credential. A resource that is already gone counts as deleted, so a run that repeats a step after a
                // partial failure is harmless.
                if (cleanup.DeleteSecondaryAuthToken)
                {
                    await twilio.DeleteSecondaryAuthTokenAsync(credentials, cancellationToken);
                }

                foreach (var phoneNumberSid in cleanup.PhoneNumberSids)
                {
                    await twilio.DetachPhoneNumberAsync(credentials, cleanup.TrunkSid, phoneNumberSid, cancellationToken);
                }

                await twilio.DeleteTrunkAsync(credentials, cleanup.TrunkSid, cancellationToken);
                await twilio.DeleteCredentialListAsync(credentials, cleanup.CredentialListSid, cancellationToken);
                const int TrunkAndCredentialList = 2;
                return TrunkAndCredentialList;
            });
        Report(cleanup, outcome);
        if (outcome.Done)
        {
            cleanups.Remove(cleanup);
        }

        return outcome.Job;
    }

    private void Report(TwilioResourceCleanup cleanup, TwilioCleanupOutcome outcome)
    {
        var (trunk, list, account) = (cleanup.TrunkSid, cleanup.CredentialListSid, cleanup.AccountSid.Value);
        switch (outcome)
        {
            case { CredentialsUnreadable: true }:
                logger.CleanupCredentialsUnreadable(trunk, list, account, cleanup.Id);
                break;
            case { Done: true }:
                logger.CleanupCompleted(cleanup.Id, trunk, list, account, run.Attempt);
                break;
            case { Job: BackgroundJobOutcome.RetryLater, Failure: { } failure }:
                logger.CleanupAttemptFailed(cleanup.Id, trunk, list, account, run.Attempt, failure.Code);
                break;
            case { Failure: TwilioCredentialsRejectedException }:
                logger.CleanupStoppedCredentialsRejected(trunk, list, account, cleanup.Id, run.Attempt);
                break;
            case { Failure: { } failure }:
                logger.CleanupGaveUp(trunk, list, account, cleanup.Id, run.Attempt, failure.Code);
                break;
        }
    }
}
