using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// Deletes a Twilio provider: its row and its imported numbers go in the unit of work's commit, together with a durable
/// clean-up that then detaches the numbers and deletes the trunk and credential list in the tenant's account.
/// </summary>
internal sealed class TwilioProviderDeletion(
    ITwilioProviderRepository providers,
    ITwilioResourceCleanupRepository cleanups,
    IImportedPhoneNumberRepository phoneNumbers,
    IAuthTokenRotations rotations,
    IBackgroundJobQueue jobs,
    ProviderChanges changes,
    RepairLeftovers repairLeftovers,
    ISecretProtector secretProtector,
    TimeProvider timeProvider,
    ILogger<TwilioProviderDeletion> logger) : IProviderDeletion
{
    public ProviderType Type => TwilioProviderKind.Type;

    public async Task<bool> TryDeleteAsync(
        OrganizationId organizationId,
        ProviderId providerId,
        VersionPrecondition? ifMatch,
        CancellationToken cancellationToken)
    {
        var provider = await providers.FindAsync(organizationId, providerId, cancellationToken);
        if (provider is null)
        {
            return false;
        }

        AuthTokenRotationConflicts.ThrowIfRotating(provider);
        RepairConflicts.ThrowIfRepairing(provider, timeProvider);
        ifMatch?.Check(provider.Version);
        if (provider.PendingRepairTrunkDomainName is not null || provider.PendingRepairCredentialListName is not null)
        {
            // A stopped repair may have created a trunk or credential list it never recorded, and the clean-up only knows
            // the recorded ones: settle them now (a Twilio failure fails the deletion, which can be tried again).
            await repairLeftovers.SettleAsync(provider, secretProtector.CredentialsOf(provider), cancellationToken);
        }

        // Its numbers go with it, exactly those read here: a number imported meanwhile makes the commit fail (the
        // database restricts the provider's delete to a provider without numbers) instead of vanishing undetached and
        // unannounced. The clean-up detaches them in Twilio before the trunk goes.
        var numbers = await phoneNumbers.ListOfProviderAsync(provider.Id, cancellationToken);
        foreach (var number in numbers)
        {
            phoneNumbers.Remove(number);
        }

        var now = timeProvider.GetUtcNow();
        // A stopped rotation whose clean-up has not run goes with the provider (cascade): its secondary goes with the trunk.
        var secondaryLeft = (await rotations.FindCleanupsPendingAsync(provider.Id, cancellationToken)).Count > 0;
        var cleanup = provider.PlanResourceCleanup(Guid.CreateVersion7(now), now, [.. numbers.Select(n => n.PhoneNumberSid)], secondaryLeft);
        providers.Remove(provider);
        cleanups.Add(cleanup);
        jobs.Enqueue(new CleanUpTwilioResourcesCommand(cleanup.Id));
        var removed = numbers.Select(PhoneNumberReferences.Of).ToList();
        changes.Record(
            provider,
            AuditActions.ProviderDeleted,
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = provider.Name,
                ["accountSid"] = provider.AccountSid.Value,
                ["trunkSid"] = cleanup.TrunkSid,
                ["credentialListSid"] = cleanup.CredentialListSid,
                ["removedPhoneNumberSids"] = numbers.Select(n => n.PhoneNumberSid).ToList(),
                ["cleanupId"] = cleanup.Id,
            },
            [.. removed.Select(number => new PhoneNumberRemoved(number, Forced: false, WithProvider: true)), new ProviderDeleted(removed)]);

        logger.ProviderDeleted(provider.Id.Value, cleanup.Id, cleanup.TrunkSid, cleanup.CredentialListSid);
        return true;
    }
}
