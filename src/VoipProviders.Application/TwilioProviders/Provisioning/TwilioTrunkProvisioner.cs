using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Provisioning;

/// <summary>
/// Builds a provider's Elastic SIP trunk in the tenant's account — trunk, credential list, SIP credential, association,
/// origination URLs — and takes it down again. Creates are not idempotent, so nothing is blindly retried: when a step fails, everything
/// created so far (and anything a failed create may have left behind) is deleted before the failure propagates.
/// Before the first create, a <see cref="ProvisioningIntent"/> naming what will be built is committed, so even a crash
/// between the creates and the connect's commit leaves nothing behind for good: reconciliation deletes it later.
/// </summary>
public sealed class TwilioTrunkProvisioner(
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    ITwilioCleanupQueue cleanupQueue,
    IProvisioningIntents intents,
    OriginationPlan originationPlan,
    OriginationSync originationSync,
    IOptions<TwilioResourceCleanupOptions> options,
    TimeProvider timeProvider,
    ILogger<TwilioTrunkProvisioner> logger)
{
    public const int MaxDomainNameAttempts = ProvisioningIntent.MaxTrunkDomainNames;
    private static readonly TimeSpan CompensationBudget = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Plans what a connect will build — trunk domain names for every attempt, the resources' friendly name — and
    /// commits it as a provisioning intent (with the protected token and a reconciliation job due after
    /// <see cref="TwilioResourceCleanupOptions.UnfinishedConnectGracePeriod"/>) before anything is created.
    /// </summary>
    public async Task<ProvisioningIntent> PlanAsync(
        TwilioCredentials credentials,
        OrganizationId organizationId,
        ProviderId providerId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var now = timeProvider.GetUtcNow();
        var domainNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (domainNames.Count < MaxDomainNameAttempts)
        {
            domainNames.Add(TwilioResourceNames.NewTrunkDomainName());
        }

        var intent = ProvisioningIntent.Record(
            providerId,
            organizationId,
            credentials.AccountSid,
            secretProtector.Protect(TwilioSecrets.AuthToken, providerId.Value, credentials.AuthToken.Reveal()),
            [.. domainNames],
            TwilioResourceNames.FriendlyName(providerId.Value),
            now);
        await intents.RecordAsync(intent, now + options.Value.UnfinishedConnectGracePeriod, cancellationToken);
        return intent;
    }

    /// <summary>
    /// Builds the trunk <paramref name="intent"/> planned. On failure, undoes what it built before rethrowing. The
    /// origination URLs belong to the trunk (deleting it deletes them), so undoing the trunk undoes them too.
    /// </summary>
    public async Task<ProvisionedTrunk> ProvisionAsync(
        TwilioCredentials credentials,
        ProvisioningIntent intent,
        bool transferEnabled,
        bool secure,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(intent);
        var progress = new ProvisioningProgress { OrganizationId = intent.OrganizationId, ProviderId = intent.Id };
        try
        {
            var trunk = await CreateTrunkAsync(credentials, intent, transferEnabled, secure, progress, cancellationToken);

            var credentialListName = intent.ResourceFriendlyName;
            progress.CredentialListNameInDoubt = credentialListName;
            var credentialListSid = await twilio.CreateCredentialListAsync(credentials, credentialListName, cancellationToken);
            progress.CredentialListNameInDoubt = null;
            progress.CredentialListSid = credentialListSid;

            var username = SipCredentialGenerator.NewUsername();
            var password = SipCredentialGenerator.NewPassword();
            var credentialSid = await twilio.CreateSipCredentialAsync(credentials, credentialListSid, username, password, cancellationToken);
            await twilio.AssociateCredentialListAsync(credentials, trunk.Sid, credentialListSid, cancellationToken);

            var routingKey = InboundRoutingKey.New();
            var originationUrls = await originationSync.CreateAllAsync(
                credentials, trunk.Sid, originationPlan.DesiredFor(routingKey, secure), cancellationToken);

            logger.Provisioned(trunk.Sid, trunk.DomainName, credentialListSid, credentials.AccountSid.Value);
            return new ProvisionedTrunk
            {
                TrunkSid = trunk.Sid,
                DomainName = trunk.DomainName,
                CredentialListSid = credentialListSid,
                SipCredentialSid = credentialSid,
                SipUsername = username,
                SipPassword = secretProtector.Protect(TwilioSecrets.SipPassword, intent.Id.Value, password),
                Secure = secure,
                InboundRoutingKey = routingKey,
                OriginationUrls = originationUrls,
                OriginationRevision = originationPlan.RevisionFor(secure),
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

            await UndoAsync(credentials, intent, progress);
            throw;
        }
    }

    /// <summary>
    /// Deletes a provisioned trunk and its credential list. Never throws: what cannot be deleted now is handed to the
    /// durable clean-up job, and failing that, logged for manual removal.
    /// </summary>
    public Task DeprovisionAsync(TwilioCredentials credentials, ProvisioningIntent intent, ProvisionedTrunk trunk)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(trunk);
        return UndoAsync(credentials, intent, new ProvisioningProgress
        {
            OrganizationId = intent.OrganizationId,
            ProviderId = intent.Id,
            TrunkSid = trunk.TrunkSid,
            CredentialListSid = trunk.CredentialListSid,
        });
    }

    private static bool IsOutcomeUnknown(Exception exception) =>
        exception is TwilioUnavailableException { OutcomeUnknown: true } or OperationCanceledException;

    private async Task<TwilioTrunk> CreateTrunkAsync(
        TwilioCredentials credentials,
        ProvisioningIntent intent,
        bool transferEnabled,
        bool secure,
        ProvisioningProgress progress,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var domainName = intent.TrunkDomainNames[attempt - 1];
            progress.TrunkDomainNameInDoubt = domainName;
            try
            {
                var trunk = await twilio.CreateTrunkAsync(
                    credentials,
                    new CreateTwilioTrunkRequest(intent.ResourceFriendlyName, domainName, transferEnabled, secure),
                    cancellationToken);
                progress.TrunkDomainNameInDoubt = null;
                progress.TrunkSid = trunk.Sid;
                return trunk;
            }
            catch (TwilioRequestRejectedException rejected)
                when (rejected.TwilioErrorCode == TwilioRequestRejectedException.TrunkDomainTakenCode && attempt < intent.TrunkDomainNames.Count)
            {
                // Twilio refused before creating anything; another name is safe to try.
                progress.TrunkDomainNameInDoubt = null;
                logger.DomainTaken(domainName);
            }
        }
    }

    /// <summary>
    /// Deletes what the connect built. When everything is gone (or handed to the clean-up job), the intent is removed;
    /// otherwise it stays, and its reconciliation deletes what is left once the grace period is over.
    /// </summary>
    private async Task UndoAsync(TwilioCredentials credentials, ProvisioningIntent intent, ProvisioningProgress progress)
    {
        // The caller's token may already be cancelled (client went away): clean-up gets its own budget.
        using var budget = new CancellationTokenSource(CompensationBudget, timeProvider);
        var cancellationToken = budget.Token;

        if (progress.CredentialListSid is null && progress.CredentialListNameInDoubt is { } listName)
        {
            progress.CredentialListSid = await TryFindAsync(
                "credential list", listName, credentials, progress, () => twilio.FindCredentialListByFriendlyNameAsync(credentials, listName, cancellationToken));
        }

        if (progress.TrunkSid is null && progress.TrunkDomainNameInDoubt is { } domainName)
        {
            progress.TrunkSid = await TryFindAsync(
                "trunk", domainName, credentials, progress, async () => (await twilio.FindTrunkByDomainNameAsync(credentials, domainName, cancellationToken))?.Sid);
        }

        var settled = !progress.LookupFailed;
        if (progress.TrunkSid is not null || progress.CredentialListSid is not null)
        {
            logger.Compensating(credentials.AccountSid.Value, progress.TrunkSid, progress.CredentialListSid);
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
                settled &= await QueueLeftoversAsync(credentials, intent, progress, cancellationToken);
            }
        }

        if (!settled)
        {
            logger.LeftToReconciliation(intent.Id.Value, credentials.AccountSid.Value, progress.TrunkSid, progress.CredentialListSid);
            return;
        }

        try
        {
            await intents.ForgetAsync(intent.Id, cancellationToken);
        }
#pragma warning disable CA1031 // Harmless if it fails: reconciliation then finds nothing to delete.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.IntentNotForgotten(exception, intent.Id.Value);
        }
    }

    /// <summary>
    /// Twilio could not delete now (down, throttling): the durable clean-up job retries with backoff across restarts.
    /// It needs both SIDs; anything else stays with the provisioning intent's reconciliation.
    /// </summary>
    /// <returns>Whether the leftovers are in the clean-up job's hands.</returns>
    private async Task<bool> QueueLeftoversAsync(
        TwilioCredentials credentials,
        ProvisioningIntent intent,
        ProvisioningProgress progress,
        CancellationToken cancellationToken)
    {
        if (progress is not { TrunkSid: { } trunkSid, CredentialListSid: { } credentialListSid, OrganizationId: { } organizationId })
        {
            return false;
        }

        try
        {
            var now = timeProvider.GetUtcNow();
            var cleanup = TwilioResourceCleanup.ForLeftovers(
                Guid.CreateVersion7(now),
                organizationId,
                progress.ProviderId,
                credentials.AccountSid,
                secretProtector.Protect(TwilioSecrets.AuthToken, progress.ProviderId.Value, credentials.AuthToken.Reveal()),
                trunkSid,
                credentialListSid,
                now);
            await cleanupQueue.QueueAsync(cleanup, cancellationToken);
            logger.LeftoversQueued(trunkSid, credentialListSid, credentials.AccountSid.Value, cleanup.Id);
            return true;
        }
#pragma warning disable CA1031 // The intent stays: its reconciliation deletes them instead.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LeftoversNotQueued(exception, trunkSid, credentialListSid, credentials.AccountSid.Value, intent.Id.Value);
            return false;
        }
    }

    private async Task<string?> TryFindAsync(
        string kind,
        string name,
        TwilioCredentials credentials,
        ProvisioningProgress progress,
        Func<Task<string?>> find)
    {
        try
        {
            return await find();
        }
#pragma warning disable CA1031 // Clean-up is best effort: a failure must neither hide the original error nor stop the other steps.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.DeleteFailed(exception, kind, name, credentials.AccountSid.Value);
            progress.LookupFailed = true;
            return null;
        }
    }

    /// <returns>Whether the resource is gone.</returns>
    private async Task<bool> TryDeleteAsync(string kind, string sid, TwilioCredentials credentials, Func<Task> delete)
    {
        try
        {
            await delete();
            logger.Deleted(kind, sid, credentials.AccountSid.Value);
            return true;
        }
#pragma warning disable CA1031 // Clean-up is best effort: a failure must neither hide the original error nor stop the other steps.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.DeleteFailed(exception, kind, sid, credentials.AccountSid.Value);
            return false;
        }
    }
}
