using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Provisioning;

/// <summary>
/// Builds a provider's Elastic SIP trunk in the tenant's account — trunk, credential list, SIP credential, association —
/// and takes it down again. Creates are not idempotent, so nothing is blindly retried: when a step fails, everything
/// created so far (and anything a failed create may have left behind) is deleted before the failure propagates.
/// </summary>
public sealed class TwilioTrunkProvisioner(
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    ITwilioCleanupQueue cleanupQueue,
    TimeProvider timeProvider,
    ILogger<TwilioTrunkProvisioner> logger)
{
    public const int MaxDomainNameAttempts = 3;
    private static readonly TimeSpan CompensationBudget = TimeSpan.FromSeconds(30);

    public async Task<ProvisionedTrunk> ProvisionAsync(
        TwilioCredentials credentials,
        string organizationId,
        Guid providerId,
        bool transferEnabled,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var progress = new ProvisioningProgress { OrganizationId = organizationId, ProviderId = providerId };
        try
        {
            var trunk = await CreateTrunkAsync(credentials, providerId, transferEnabled, progress, cancellationToken);

            var credentialListName = TwilioResourceNames.FriendlyName(providerId);
            progress.CredentialListNameInDoubt = credentialListName;
            var credentialListSid = await twilio.CreateCredentialListAsync(credentials, credentialListName, cancellationToken);
            progress.CredentialListNameInDoubt = null;
            progress.CredentialListSid = credentialListSid;

            var username = SipCredentialGenerator.NewUsername();
            var password = SipCredentialGenerator.NewPassword();
            var credentialSid = await twilio.CreateSipCredentialAsync(credentials, credentialListSid, username, password, cancellationToken);
            await twilio.AssociateCredentialListAsync(credentials, trunk.Sid, credentialListSid, cancellationToken);

            logger.Provisioned(trunk.Sid, trunk.DomainName, credentialListSid, credentials.AccountSid);
            return new ProvisionedTrunk
            {
                TrunkSid = trunk.Sid,
                DomainName = trunk.DomainName,
                CredentialListSid = credentialListSid,
                SipCredentialSid = credentialSid,
                SipUsername = username,
                SipPassword = secretProtector.Protect(SecretPurpose.SipPassword, providerId, password),
            };
        }
        catch (Exception exception)
        {
            if (!IsOutcomeUnknown(exception))
            {
                // The failed create definitely did not happen: nothing to look up.
                progress.TrunkDomainNameInDoubt = null;
                progress.CredentialListNameInDoubt = null;
            }

            await UndoAsync(credentials, progress);
            throw;
        }
    }

    /// <summary>
    /// Deletes a provisioned trunk and its credential list. Never throws: what cannot be deleted now is handed to the
    /// durable clean-up job, and failing that, logged for manual removal.
    /// </summary>
    public Task DeprovisionAsync(TwilioCredentials credentials, string organizationId, Guid providerId, ProvisionedTrunk trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        return UndoAsync(credentials, new ProvisioningProgress
        {
            OrganizationId = organizationId,
            ProviderId = providerId,
            TrunkSid = trunk.TrunkSid,
            CredentialListSid = trunk.CredentialListSid,
        });
    }

    private static bool IsOutcomeUnknown(Exception exception) =>
        exception is TwilioUnavailableException { OutcomeUnknown: true } or OperationCanceledException;

    private async Task<TwilioTrunk> CreateTrunkAsync(
        TwilioCredentials credentials,
        Guid providerId,
        bool transferEnabled,
        ProvisioningProgress progress,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var domainName = TwilioResourceNames.NewTrunkDomainName();
            progress.TrunkDomainNameInDoubt = domainName;
            try
            {
                var trunk = await twilio.CreateTrunkAsync(
                    credentials,
                    new CreateTwilioTrunkRequest(TwilioResourceNames.FriendlyName(providerId), domainName, transferEnabled),
                    cancellationToken);
                progress.TrunkDomainNameInDoubt = null;
                progress.TrunkSid = trunk.Sid;
                return trunk;
            }
            catch (TwilioRequestRejectedException rejected)
                when (rejected.TwilioErrorCode == TwilioRequestRejectedException.TrunkDomainTakenCode && attempt < MaxDomainNameAttempts)
            {
                // Twilio refused before creating anything; another name is safe to try.
                progress.TrunkDomainNameInDoubt = null;
                logger.DomainTaken(domainName);
            }
        }
    }

    private async Task UndoAsync(TwilioCredentials credentials, ProvisioningProgress progress)
    {
        // The caller's token may already be cancelled (client went away): clean-up gets its own budget.
        using var budget = new CancellationTokenSource(CompensationBudget, timeProvider);
        var cancellationToken = budget.Token;

        if (progress.CredentialListSid is null && progress.CredentialListNameInDoubt is { } listName)
        {
            progress.CredentialListSid = await TryFindAsync(
                "credential list", listName, credentials, () => twilio.FindCredentialListByFriendlyNameAsync(credentials, listName, cancellationToken));
        }

        if (progress.TrunkSid is null && progress.TrunkDomainNameInDoubt is { } domainName)
        {
            progress.TrunkSid = await TryFindAsync(
                "trunk", domainName, credentials, async () => (await twilio.FindTrunkByDomainNameAsync(credentials, domainName, cancellationToken))?.Sid);
        }

        if (progress.TrunkSid is null && progress.CredentialListSid is null)
        {
            return;
        }

        logger.Compensating(credentials.AccountSid, progress.TrunkSid, progress.CredentialListSid);
        var leftBehind = false;
        if (progress.CredentialListSid is { } credentialListSid)
        {
            leftBehind |= !await TryDeleteAsync("credential list", credentialListSid, credentials, () => twilio.DeleteCredentialListAsync(credentials, credentialListSid, cancellationToken));
        }

        if (progress.TrunkSid is { } trunkSid)
        {
            leftBehind |= !await TryDeleteAsync("trunk", trunkSid, credentials, () => twilio.DeleteTrunkAsync(credentials, trunkSid, cancellationToken));
        }

        if (leftBehind)
        {
            await QueueLeftoversAsync(credentials, progress, cancellationToken);
        }
    }

    /// <summary>
    /// Twilio could not delete now (down, throttling, circuit open): the durable clean-up job retries with backoff
    /// across restarts. It needs both SIDs; a trunk whose list was never created stays logged for manual removal.
    /// </summary>
    private async Task QueueLeftoversAsync(TwilioCredentials credentials, ProvisioningProgress progress, CancellationToken cancellationToken)
    {
        if (progress is not { TrunkSid: { } trunkSid, CredentialListSid: { } credentialListSid, OrganizationId: { } organizationId })
        {
            return;
        }

        try
        {
            var now = timeProvider.GetUtcNow();
            var cleanup = TwilioResourceCleanup.ForLeftovers(
                Guid.CreateVersion7(now),
                organizationId,
                progress.ProviderId,
                credentials.AccountSid,
                secretProtector.Protect(SecretPurpose.TwilioAuthToken, progress.ProviderId, credentials.AuthToken.Reveal()),
                trunkSid,
                credentialListSid,
                now);
            await cleanupQueue.QueueAsync(cleanup, cancellationToken);
            logger.LeftoversQueued(trunkSid, credentialListSid, credentials.AccountSid, cleanup.Id);
        }
#pragma warning disable CA1031 // Best effort: the resources are already logged for manual clean-up.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LeftoversNotQueued(exception, trunkSid, credentialListSid, credentials.AccountSid);
        }
    }

    private async Task<string?> TryFindAsync(string kind, string name, TwilioCredentials credentials, Func<Task<string?>> find)
    {
        try
        {
            return await find();
        }
#pragma warning disable CA1031 // Clean-up is best effort: a failure must neither hide the original error nor stop the other steps.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.DeleteFailed(exception, kind, name, credentials.AccountSid);
            return null;
        }
    }

    /// <returns>Whether the resource is gone.</returns>
    private async Task<bool> TryDeleteAsync(string kind, string sid, TwilioCredentials credentials, Func<Task> delete)
    {
        try
        {
            await delete();
            logger.Deleted(kind, sid, credentials.AccountSid);
            return true;
        }
#pragma warning disable CA1031 // Clean-up is best effort: a failure must neither hide the original error nor stop the other steps.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.DeleteFailed(exception, kind, sid, credentials.AccountSid);
            return false;
        }
    }
}
