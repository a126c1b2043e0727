using System.Security.Cryptography;
using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers.Jobs.ReconcilePhoneNumberImport;

public sealed class ReconcilePhoneNumberImportCommandHandler(
    IPhoneNumberImports imports,
    IPhoneNumberTrunks trunks,
    IImportedPhoneNumberRepository phoneNumbers,
    ITwilioGateway twilio,
    PhoneNumberDetacher detacher,
    IBackgroundJobContext job,
    TimeProvider timeProvider,
    ILogger<ReconcilePhoneNumberImportCommandHandler> logger) : ICommandHandler<ReconcilePhoneNumberImportCommand, BackgroundJobOutcome>
{
    private const string CredentialsUnreadable = "stored credentials cannot be decrypted";

    public async ValueTask<BackgroundJobOutcome> Handle(ReconcilePhoneNumberImportCommand command, CancellationToken cancellationToken)
    {
        var import = await imports.FindAsync(command.ImportId, cancellationToken);
        if (import is null or { Status: PhoneNumberImportStatus.Abandoned })
        {
            // The import committed or cleaned up after itself (the usual case), or an earlier run gave up.
            return BackgroundJobOutcome.Completed;
        }

        if (import.Status == PhoneNumberImportStatus.Pending)
        {
            // Committed before any detach: from here on the import cannot commit numbers that are being detached.
            await imports.TakeForReconciliationAsync(import.Id, cancellationToken);
            import = await imports.FindAsync(command.ImportId, cancellationToken);
            if (import is not { Status: PhoneNumberImportStatus.Reconciling })
            {
                return BackgroundJobOutcome.Completed;
            }

            logger.Reconciling(import.Id, import.ProviderId.Value, import.TrunkSid);
        }

        var claims = await imports.ListClaimsAsync(import.Id, cancellationToken);
        var trunk = await trunks.FindAsync(import.OrganizationId, import.ProviderId, cancellationToken);
        if (trunk is null)
        {
            // Deleted with the provider: its clean-up deletes the trunk, which takes every number on it off.
            imports.Remove(import);
            logger.ProviderGone(import.Id, import.ProviderId.Value, import.TrunkSid);
            return BackgroundJobOutcome.Completed;
        }

        var claimedToAttach = claims.Where(c => c.Attach).Select(c => c.PhoneNumberSid).ToHashSet(StringComparer.Ordinal);
        TwilioCredentials credentials;
        try
        {
            credentials = trunk.Credentials();
        }
        catch (CryptographicException)
        {
            // The key that protected the token is gone (key ring lost or replaced): no retry can bring it back.
            return GiveUp(import, claims, claimedToAttach, CredentialsUnreadable, CredentialsUnreadable);
        }

        try
        {
            var detached = await DetachWhatWasNotRecordedAsync(import, credentials, claimedToAttach, cancellationToken);
            imports.Remove(import);
            logger.Reconciled(import.Id, import.ProviderId.Value, detached, import.TrunkSid, job.Attempt);
            return BackgroundJobOutcome.Completed;
        }
        catch (TwilioGatewayException failure)
        {
            if (!job.IsLastAttempt)
            {
                import.RecordFailedAttempt(failure.Summary, timeProvider.GetUtcNow());
                logger.AttemptFailed(import.Id, import.ProviderId.Value, job.Attempt, failure.Code);
                return BackgroundJobOutcome.RetryLater;
            }

            return GiveUp(import, claims, claimedToAttach, failure.Summary, failure.Code);
        }
    }

    /// <summary>
    /// Detaches the numbers the import claimed to attach that are on the trunk now and whose import by this provider is
    /// not committed; one listing of the trunk tells which are on it, so a number never attached costs no call. A number
    /// already detached counts as detached, so a run that repeats after a partial failure is harmless.
    /// </summary>
    private async Task<int> DetachWhatWasNotRecordedAsync(
        PhoneNumberImport import,
        TwilioCredentials credentials,
        IReadOnlySet<string> claimedToAttach,
        CancellationToken cancellationToken)
    {
        if (claimedToAttach.Count == 0)
        {
            return 0;
        }

        var onTrunk = (await twilio.ListTrunkPhoneNumberSidsAsync(credentials, import.TrunkSid, cancellationToken))
            .Where(claimedToAttach.Contains)
            .ToList();
        var recorded = (await phoneNumbers.FindBySidsAsync(onTrunk, cancellationToken))
            .Where(n => n.ProviderId == import.ProviderId)
            .Select(n => n.PhoneNumberSid)
            .ToHashSet(StringComparer.Ordinal);
        List<string> orphans = [.. onTrunk.Where(sid => !recorded.Contains(sid))];
        var failures = await detacher.DetachAsync(credentials, import.TrunkSid, orphans, cancellationToken);
        if (failures.Count > 0)
        {
            throw failures.Values.First();
        }

        return orphans.Count;
    }

    /// <summary>Stops trying: the numbers that may be left on the trunk are logged, and their claims released so they can be imported again.</summary>
    private BackgroundJobOutcome GiveUp(
        PhoneNumberImport import,
        IReadOnlyList<PhoneNumberImportClaim> claims,
        IReadOnlySet<string> claimedToAttach,
        string failure,
        string failureCode)
    {
        var now = timeProvider.GetUtcNow();
        import.RecordFailedAttempt(failure, now);
        import.Abandon(now);
        imports.Release(claims);
        logger.GaveUp(import.Id, import.ProviderId.Value, job.Attempt, failureCode, string.Join(", ", claimedToAttach.Order(StringComparer.Ordinal)), import.TrunkSid);
        return BackgroundJobOutcome.GaveUp;
    }
}
