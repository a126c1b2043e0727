using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;
using VoipProviders.Application.TwilioProviders.Jobs.SettleRepairCreates;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Application.TwilioProviders.SipCredentials;
using VoipProviders.Contracts;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>
/// Applies a repair plan to a provider the caller loaded (tracked), one action at a time: each Twilio change first,
/// then the provider's new state with the action's audit record and <see cref="ProviderRepaired"/> event in one commit.
/// A trunk or credential list is announced in a commit before it is created, and a SIP credential's retirement is
/// queued before it is created, so a repair that stops anywhere leaves nothing orphaned: what it created and did not
/// record is deleted (at once, or by the durable job queued with the announcement). A failure of one resource fails
/// that action and the ones that need it; a failure of the account (401, a suspended account, Twilio unavailable or
/// throttling) stops the repair, the remaining actions skipped.
/// </summary>
public sealed class ProviderRepairer(
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    ITwilioProviderRepository providers,
    IImportedPhoneNumberRepository phoneNumbers,
    ISipCredentialRetirements retirements,
    IBackgroundJobQueue jobs,
    IUnitOfWork unitOfWork,
    ProviderChanges changes,
    RepairLeftovers leftovers,
    IRepairCheckpoints checkpoints,
    IOptions<RepairOptions> options,
    IOptions<SipCredentialOptions> sipOptions,
    TimeProvider timeProvider,
    ILogger<ProviderRepairer> logger)
{
    private static readonly TimeSpan CleanupBudget = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Takes the provider, applies <paramref name="actions"/> of <paramref name="plan"/> and lets the provider go.
    /// </summary>
    /// <returns>What became of each action; null when an automatic repair found the day's repairs spent (paused).</returns>
    /// <exception cref="ConflictException">Another change or repair took the provider first (<c>repair_plan_stale</c>).</exception>
    public async Task<IReadOnlyList<RepairActionResult>?> RunAsync(
        TwilioProvider provider,
        RepairPlan plan,
        IReadOnlyList<RepairAction> actions,
        string trigger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var runId = Guid.CreateVersion7(timeProvider.GetUtcNow());
        try
        {
            if (!await ClaimAsync(provider, runId, trigger == RepairTriggers.Automatic, cancellationToken))
            {
                return null;
            }
        }
        catch (ConflictException conflict) when (conflict.Code == ConflictException.ConcurrentUpdateCode)
        {
            // Another change or repair committed between the plan and this start: nothing was applied.
            throw RepairConflicts.PlanStale(plan.PlanId);
        }

        try
        {
            return await ApplyAsync(provider, plan, actions, trigger, cancellationToken);
        }
        finally
        {
            // Let go at once, whatever happened; only a replica that dies mid-repair leaves its hold to expire with the lease.
            await providers.EndRepairAsync(provider.Id, runId, CancellationToken.None);
        }
    }

    /// <summary>
    /// Takes the provider for run <paramref name="runId"/> and commits. An automatic repair beyond the day's cap pauses
    /// auto-repair instead (recorded, committed) and answers false.
    /// </summary>
    /// <exception cref="ConflictException">Another change or repair took the provider first.</exception>
    private async Task<bool> ClaimAsync(TwilioProvider provider, Guid runId, bool automatic, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;
        if (!provider.BeginRepair(runId, now, now + settings.Lease, automatic, settings.MaxAutomaticRepairsPerDay))
        {
            changes.Record(
                provider,
                AuditActions.AutoRepairPaused,
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["reason"] = Domain.TwilioProviders.Repairs.RepairRules.AutomaticRepairLimitCode,
                    ["maxAutomaticRepairsPerDay"] = settings.MaxAutomaticRepairsPerDay,
                    ["pausedUntil"] = provider.AutoRepairPausedUntil,
                });
            await unitOfWork.CommitAsync(cancellationToken);
            logger.AutoRepairPaused(provider.Id.Value, provider.AutoRepairPausedUntil!.Value, settings.MaxAutomaticRepairsPerDay);
            return false;
        }

        await unitOfWork.CommitAsync(cancellationToken);
        await checkpoints.PassedAsync(RepairPoint.Claimed, string.Empty, provider.Id.Value, cancellationToken);
        return true;
    }

    /// <summary>Applies <paramref name="actions"/> (of <paramref name="plan"/>) in order and answers what became of each.</summary>
    private async Task<IReadOnlyList<RepairActionResult>> ApplyAsync(
        TwilioProvider provider,
        RepairPlan plan,
        IReadOnlyList<RepairAction> actions,
        string trigger,
        CancellationToken cancellationToken)
    {
        var results = new List<RepairActionResult>(actions.Count);
        TwilioCredentials? credentials = null;
        try
        {
            credentials = secretProtector.CredentialsOf(provider);
        }
        catch (CryptographicException)
        {
            // Planned as manual already; nothing else can be done without the token.
        }

        string? stoppedBy = credentials is null ? "the stored Auth Token cannot be decrypted." : null;
        if (credentials is not null && (provider.PendingRepairTrunkDomainName is not null || provider.PendingRepairCredentialListName is not null))
        {
            // A repair that stopped before recording a create left it announced: what it made is settled now, before
            // this repair's own announcements replace the names it is found by (and the settle job would find nothing).
            try
            {
                await leftovers.SettleAsync(provider, credentials, cancellationToken);
                await unitOfWork.CommitAsync(cancellationToken);
            }
            catch (TwilioGatewayException failure)
            {
                stoppedBy = $"what an earlier repair left could not be settled ({failure.Summary}).";
            }
        }

        var failed = new HashSet<string>(StringComparer.Ordinal);
        var run = new Run(provider, plan, trigger);
        foreach (var action in actions)
        {
            if (action.IsManual)
            {
                results.Add(Result(action, RepairOutcomes.Skipped, $"Not repaired by the module: {action.Reason}"));
                continue;
            }

            if (stoppedBy is not null)
            {
                results.Add(Result(action, RepairOutcomes.Skipped, $"Not tried: {stoppedBy}"));
                continue;
            }

            if (BlockedBy(action, failed) is { } blocker)
            {
                results.Add(Result(action, RepairOutcomes.Skipped, $"Not tried: {blocker} failed."));
                continue;
            }

            try
            {
                results.Add(await ApplyOneAsync(run, credentials!, action, cancellationToken));
                logger.ActionApplied(provider.Id.Value, trigger, action.Action, action.Target);
            }
            catch (TwilioGatewayException failure)
            {
                failed.Add(action.Action);
                results.Add(Result(action, RepairOutcomes.Failed, Describe(failure)));
                logger.ActionFailed(provider.Id.Value, trigger, action.Action, action.Target, failure.Summary);
                if (failure is TwilioUnavailableException or TwilioRateLimitedException or TwilioCredentialsRejectedException or TwilioAccountNotActiveException)
                {
                    stoppedBy = $"{action.Action} failed and stopped the repair ({failure.Summary}).";
                }
            }
        }

        return results;
    }

    /// <summary>
    /// Which earlier action this one needs and that failed: nothing on the trunk works without it, and the SIP
    /// credential and association need the credential list.
    /// </summary>
    private static string? BlockedBy(RepairAction action, HashSet<string> failed)
    {
        if (failed.Contains(RepairActionNames.RecreateTrunk) && action.Action != RepairActionNames.CreateCredentialList)
        {
            return RepairActionNames.RecreateTrunk;
        }

        return failed.Contains(RepairActionNames.CreateCredentialList)
            && action.Action is RepairActionNames.AssociateCredentialList or RepairActionNames.CreateSipCredential
            ? RepairActionNames.CreateCredentialList
            : null;
    }

    private static string Describe(TwilioGatewayException failure) => failure switch
    {
        TwilioResourceNotFoundException => $"Twilio no longer has the resource ({failure.Summary}): plan again.",
        TwilioCredentialsRejectedException => "Twilio rejected the stored credentials: rotate the Auth Token.",
        TwilioAccountNotActiveException notActive => $"The Twilio account is {notActive.AccountStatus}.",
        TwilioUnavailableException or TwilioRateLimitedException => $"Twilio is unavailable or throttling ({failure.Summary}): try again later.",
        _ => $"Twilio refused the change ({failure.Summary}).",
    };

    private static RepairActionResult Result(RepairAction action, string outcome, string? error = null) =>
        new(action.Action, action.Target, outcome, error);

    private async Task<RepairActionResult> ApplyOneAsync(Run run, TwilioCredentials credentials, RepairAction action, CancellationToken cancellationToken)
    {
        var provider = run.Provider;
        switch (action.Action)
        {
            case RepairActionNames.RecreateTrunk:
                await RecreateTrunkAsync(run, credentials, action, cancellationToken);
                break;
            case RepairActionNames.SetDomainName:
                await twilio.UpdateTrunkDomainNameAsync(credentials, provider.TrunkSid, provider.TrunkDomainName, cancellationToken);
                await CommitAsync(run, action, cancellationToken);
                break;
            case RepairActionNames.SetTransferMode:
                await twilio.UpdateTrunkTransferModeAsync(credentials, provider.TrunkSid, provider.SupportsCallTransfer, cancellationToken);
                await CommitAsync(run, action, cancellationToken);
                break;
            case RepairActionNames.SetSecure:
                await twilio.UpdateTrunkSecureAsync(credentials, provider.TrunkSid, provider.SecureTrunking, cancellationToken);
                await CommitAsync(run, action, cancellationToken);
                break;
            case RepairActionNames.CreateCredentialList:
                await CreateCredentialListAsync(run, credentials, action, cancellationToken);
                break;
            case RepairActionNames.AssociateCredentialList:
                await AssociateCredentialListAsync(credentials, provider, cancellationToken);
                await CommitAsync(run, action, cancellationToken);
                break;
            case RepairActionNames.CreateSipCredential:
                await CreateSipCredentialAsync(run, credentials, action, cancellationToken);
                break;
            case RepairActionNames.CreateOriginationUrl:
                await CreateOriginationUrlAsync(run, credentials, action, cancellationToken);
                break;
            case RepairActionNames.UpdateOriginationUrl:
                var spec = action.OriginationUrl!;
                await twilio.UpdateOriginationUrlAsync(credentials, provider.TrunkSid, action.Target, spec, cancellationToken);
                provider.RecordRepairedOriginationUrl(new OriginationUrl(action.Target, spec.FriendlyName, spec.SipUrl, spec.Priority, spec.Weight, spec.Enabled));
                await CommitAsync(run, action, cancellationToken);
                break;
            case RepairActionNames.ReattachPhoneNumber:
                return await ReattachPhoneNumberAsync(run, credentials, action, cancellationToken);
            default:
                throw new InvalidOperationException($"No repair action is called '{action.Action}'.");
        }

        return Result(action, RepairOutcomes.Applied);
    }

    private async Task RecreateTrunkAsync(Run run, TwilioCredentials credentials, RepairAction action, CancellationToken cancellationToken)
    {
        var provider = run.Provider;
        for (var attempt = 1; ; attempt++)
        {
            var domainName = TwilioResourceNames.NewTrunkDomainName();
            await AnnounceAsync(provider, () => provider.AnnounceRepairTrunk(domainName), action, cancellationToken);
            TwilioTrunk trunk;
            try
            {
                trunk = await twilio.CreateTrunkAsync(
                    credentials,
                    new CreateTwilioTrunkRequest(TwilioResourceNames.FriendlyName(provider.Id.Value), domainName, provider.SupportsCallTransfer, provider.SecureTrunking),
                    cancellationToken);
            }
            catch (TwilioRequestRejectedException rejected)
                when (rejected.TwilioErrorCode == TwilioRequestRejectedException.TrunkDomainTakenCode && attempt < TwilioTrunkProvisioner.MaxDomainNameAttempts)
            {
                continue; // Refused before anything was created: another name is safe to try (announced first).
            }
            catch (Exception exception) when (exception is TwilioGatewayException or OperationCanceledException)
            {
                await SettleAfterFailedCreateAsync(provider, credentials, exception);
                throw;
            }

            unitOfWork.RegisterCompensation(
                $"delete the trunk {trunk.Sid} a repair created",
                token => twilio.DeleteTrunkAsync(credentials, trunk.Sid, token));
            await checkpoints.PassedAsync(RepairPoint.TwilioChanged, action.Action, provider.Id.Value, cancellationToken);
            provider.ReplaceTrunk(trunk.Sid, trunk.DomainName, timeProvider.GetUtcNow());
            run.DialOutRouteChanged = true;
            await CommitAsync(run, action, cancellationToken, ("trunkSid", trunk.Sid), ("terminationUri", provider.TerminationUri));
            return;
        }
    }

    private async Task CreateCredentialListAsync(Run run, TwilioCredentials credentials, RepairAction action, CancellationToken cancellationToken)
    {
        var provider = run.Provider;
        var friendlyName = $"{TwilioResourceNames.FriendlyName(provider.Id.Value)} {RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        await AnnounceAsync(provider, () => provider.AnnounceRepairCredentialList(friendlyName), action, cancellationToken);
        string listSid;
        try
        {
            listSid = await twilio.CreateCredentialListAsync(credentials, friendlyName, cancellationToken);
        }
        catch (Exception exception) when (exception is TwilioGatewayException or OperationCanceledException)
        {
            await SettleAfterFailedCreateAsync(provider, credentials, exception);
            throw;
        }

        unitOfWork.RegisterCompensation(
            $"delete the credential list {listSid} a repair created",
            token => twilio.DeleteCredentialListAsync(credentials, listSid, token));
        await checkpoints.PassedAsync(RepairPoint.TwilioChanged, action.Action, provider.Id.Value, cancellationToken);
        provider.ReplaceCredentialList(listSid, timeProvider.GetUtcNow());
        await CommitAsync(run, action, cancellationToken, ("credentialListSid", listSid));
    }

    private async Task AssociateCredentialListAsync(TwilioCredentials credentials, TwilioProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            await twilio.AssociateCredentialListAsync(credentials, provider.TrunkSid, provider.CredentialListSid, cancellationToken);
        }
        catch (TwilioRequestRejectedException)
        {
            // Associated meanwhile (Twilio refuses a second association) is what the action wanted; anything else fails it.
            if (!await twilio.IsCredentialListAssociatedAsync(credentials, provider.TrunkSid, provider.CredentialListSid, cancellationToken))
            {
                throw;
            }
        }
    }

    private async Task CreateSipCredentialAsync(Run run, TwilioCredentials credentials, RepairAction action, CancellationToken cancellationToken)
    {
        var provider = run.Provider;
        var username = SipCredentialGenerator.NewUsername();
        var password = SipCredentialGenerator.NewPassword();
        var listSid = provider.CredentialListSid;

        // Committed before the create: a credential created but never stored is deleted by it (it does nothing once
        // the credential is the provider's).
        await retirements.ScheduleNowAsync(
            new RetireSipCredentialCommand(provider.Id.Value, listSid, username, SipCredentialSid: null),
            timeProvider.GetUtcNow() + options.Value.Lease + sipOptions.Value.UnfinishedRotationGracePeriod,
            cancellationToken);
        await checkpoints.PassedAsync(RepairPoint.CreateAnnounced, action.Action, provider.Id.Value, cancellationToken);

        string sid;
        try
        {
            sid = await twilio.CreateSipCredentialAsync(credentials, listSid, username, password, cancellationToken);
        }
        catch (Exception exception) when (exception is TwilioUnavailableException { OutcomeUnknown: true } or OperationCanceledException)
        {
            if (await twilio.TryDeleteSipCredentialByUsernameAsync(credentials, listSid, username, CleanupBudget, timeProvider) is { } cleanup)
            {
                logger.LeftoverNotSettled(provider.Id.Value, "SIP credential", username, cleanup.GetType().Name);
            }

            throw;
        }

        unitOfWork.RegisterCompensation(
            $"delete the SIP credential {sid} a repair created",
            token => twilio.DeleteSipCredentialAsync(credentials, listSid, sid, token));
        await checkpoints.PassedAsync(RepairPoint.TwilioChanged, action.Action, provider.Id.Value, cancellationToken);
        provider.ReplaceLostSipCredential(sid, username, secretProtector.Protect(TwilioSecrets.SipPassword, provider.Id.Value, password), timeProvider.GetUtcNow());
        run.DialOutRouteChanged = true;
        await CommitAsync(
            run,
            action,
            cancellationToken,
            [new SipCredentialRotated(username, provider.SipCredentialVersion)],
            ("sipUsername", username),
            ("sipCredentialSid", sid),
            ("sipCredentialVersion", provider.SipCredentialVersion));
    }

    private async Task CreateOriginationUrlAsync(Run run, TwilioCredentials credentials, RepairAction action, CancellationToken cancellationToken)
    {
        // Not announced: a URL created without its answer carries the module's name and is adopted by the next repair
        // or origination alignment instead of created twice.
        var provider = run.Provider;
        var spec = action.OriginationUrl!;
        var created = await twilio.CreateOriginationUrlAsync(credentials, provider.TrunkSid, spec, cancellationToken);
        var trunkSid = provider.TrunkSid;
        unitOfWork.RegisterCompensation(
            $"delete the origination URL {created.Sid} a repair created",
            token => twilio.DeleteOriginationUrlAsync(credentials, trunkSid, created.Sid, token));
        await checkpoints.PassedAsync(RepairPoint.TwilioChanged, action.Action, provider.Id.Value, cancellationToken);
        provider.RecordRepairedOriginationUrl(new OriginationUrl(created.Sid, created.FriendlyName, created.SipUrl, created.Priority, created.Weight, created.Enabled));
        await CommitAsync(run, action, cancellationToken, ("originationUrlSid", created.Sid));
    }

    private async Task<RepairActionResult> ReattachPhoneNumberAsync(Run run, TwilioCredentials credentials, RepairAction action, CancellationToken cancellationToken)
    {
        var provider = run.Provider;
        await twilio.AttachPhoneNumberAsync(credentials, provider.TrunkSid, action.Target, cancellationToken);
        if (!await phoneNumbers.IsCommittedAsync(provider.Id, action.Target, cancellationToken))
        {
            // Removed from the provider while it was being repaired: a number the module no longer owns is not kept on its trunk.
            await twilio.DetachPhoneNumberAsync(credentials, provider.TrunkSid, action.Target, cancellationToken);
            return Result(action, RepairOutcomes.Skipped, "The number was removed from the provider meanwhile.");
        }

        await checkpoints.PassedAsync(RepairPoint.TwilioChanged, action.Action, provider.Id.Value, cancellationToken);
        await CommitAsync(run, action, cancellationToken);
        return Result(action, RepairOutcomes.Applied);
    }

    /// <summary>Commits the announcement of a create (and the durable job that settles it if the repair stops) before the create.</summary>
    private async Task AnnounceAsync(TwilioProvider provider, Action announce, RepairAction action, CancellationToken cancellationToken)
    {
        announce();
        jobs.Enqueue(
            new SettleRepairCreatesCommand(provider.Id.Value),
            (provider.RepairLeaseUntil ?? timeProvider.GetUtcNow()) + options.Value.LeftoverCheckDelay);
        await unitOfWork.CommitAsync(cancellationToken);
        await checkpoints.PassedAsync(RepairPoint.CreateAnnounced, action.Action, provider.Id.Value, cancellationToken);
    }

    /// <summary>
    /// A create failed. When Twilio may have made it anyway (5xx, timeout, the caller gone), what it made is looked up
    /// by the announced name and deleted now; either way the announcement is then settled and committed. What cannot be
    /// settled now stays announced for the job queued with it.
    /// </summary>
    private async Task SettleAfterFailedCreateAsync(TwilioProvider provider, TwilioCredentials credentials, Exception failure)
    {
        var settled = failure is TwilioUnavailableException { OutcomeUnknown: true } or OperationCanceledException
            ? await leftovers.TrySettleAsync(provider, credentials, timeProvider)
            : Settle(provider);
        if (!settled)
        {
            return;
        }

        using var budget = new CancellationTokenSource(CleanupBudget, timeProvider);
        try
        {
            await unitOfWork.CommitAsync(budget.Token);
        }
#pragma warning disable CA1031 // Best effort: the announcement stays, and the job queued with it settles it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LeftoverNotSettled(provider.Id.Value, "announcement", "commit", exception.GetType().Name);
        }

        static bool Settle(TwilioProvider provider)
        {
            provider.SettlePendingRepairCreates();
            return true;
        }
    }

    /// <summary>Commits the action's change with its audit record and event.</summary>
    private Task CommitAsync(Run run, RepairAction action, CancellationToken cancellationToken, params (string Key, object? Value)[] facts) =>
        CommitAsync(run, action, cancellationToken, [], facts);

    private async Task CommitAsync(
        Run run,
        RepairAction action,
        CancellationToken cancellationToken,
        IReadOnlyList<IntegrationEvent> moreEvents,
        params (string Key, object? Value)[] facts)
    {
        var provider = run.Provider;
        var details = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["planId"] = run.Plan.PlanId,
            ["trigger"] = run.Trigger,
            ["action"] = action.Action,
            ["target"] = action.Target,
            ["reason"] = action.Reason,
            ["disruptive"] = action.Disruptive,
        };
        foreach (var (key, value) in facts)
        {
            details[key] = value;
        }

        changes.Record(
            provider,
            AuditActions.ProviderRepaired,
            details,
            [
                new ProviderRepaired(
                    run.Plan.PlanId,
                    run.Trigger,
                    [new RepairedAction(action.Action, action.Target)],
                    run.DialOutRouteChanged,
                    provider.TerminationUri,
                    provider.SipCredentialVersion),
                .. moreEvents,
            ]);
        run.DialOutRouteChanged = false;
        await unitOfWork.CommitAsync(cancellationToken);
        await checkpoints.PassedAsync(RepairPoint.ActionCommitted, action.Action, provider.Id.Value, cancellationToken);
    }

    private sealed class Run(TwilioProvider provider, RepairPlan plan, string trigger)
    {
        public TwilioProvider Provider { get; } = provider;

        public RepairPlan Plan { get; } = plan;

        public string Trigger { get; } = trigger;

        /// <summary>Set by an action that changed the dial-out route, for its event.</summary>
        public bool DialOutRouteChanged { get; set; }
    }
}
