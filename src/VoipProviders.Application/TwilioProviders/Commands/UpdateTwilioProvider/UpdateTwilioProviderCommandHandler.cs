using Mapster;
using Mediator;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.TwilioProviders.Jobs.AlignTrunkOrigination;
using VoipProviders.Contracts.Providers;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;

public sealed class UpdateTwilioProviderCommandHandler(
    ITwilioProviderRepository providers,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    IUnitOfWork unitOfWork,
    IBackgroundJobQueue jobs,
    VerificationAfterChange verification,
    ProviderChanges changes,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider) : ICommandHandler<UpdateTwilioProviderCommand, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(UpdateTwilioProviderCommand command, CancellationToken cancellationToken)
    {
        var (provider, phoneNumberCount) = await providers.FindWithPhoneNumberCountAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        AuthTokenRotationConflicts.ThrowIfRotating(provider);
        RepairConflicts.ThrowIfRepairing(provider, timeProvider);
        command.IfMatch?.Check(provider.Version);
        var before = Settings.Of(provider);

        // Twilio first: if it refuses, the exception leaves every field of the row as it was.
        var changesTransfer = command.SupportsCallTransfer is { } transfer && transfer != provider.SupportsCallTransfer;
        var changesSecure = command.SecureTrunking is { } secure && secure != provider.SecureTrunking;
        if (changesTransfer || changesSecure)
        {
            await ApplyToTrunkAsync(provider, changesTransfer ? command.SupportsCallTransfer : null, changesSecure ? command.SecureTrunking : null, cancellationToken);
        }

        var now = timeProvider.GetUtcNow();
        var trunkChanged = command.SupportsCallTransfer is { } supportsCallTransfer && provider.SetCallTransfer(supportsCallTransfer, now);
        if (command.SecureTrunking is { } secureTrunking && provider.SetSecureTrunking(secureTrunking, now))
        {
            // The origination URLs follow the flag (TLS transport on or off) right after the commit, under the rollout's lease.
            jobs.Enqueue(new AlignTrunkOriginationCommand(provider.Id.Value));
            trunkChanged = true;
        }

        if (command.Name is { } name)
        {
            provider.Rename(name, now);
        }

        if (command.Region is { } region)
        {
            provider.MoveToRegion(TwilioRegion.FromCode(region), now);
        }

        if (command.AutoRepair is { } autoRepair)
        {
            provider.SetAutoRepair(AutoRepairModes.Parse(autoRepair), now);
        }

        if (trunkChanged)
        {
            // The trunk in Twilio changed: check it again once this commits. A rename or a new edge changes nothing there.
            verification.Schedule(provider);
        }

        RecordChange(before, provider);

        return provider.Adapt<TwilioProviderResponse>(mappings) with { PhoneNumberCount = phoneNumberCount };
    }

    /// <summary>The event and audit record of a change that changed something (old and new value of each field).</summary>
    private void RecordChange(Settings before, TwilioProvider provider)
    {
        var after = Settings.Of(provider);
        var changed = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Compare<T>(string field, T old, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(old, now))
            {
                changed[field] = new { old, @new = now };
            }
        }

        Compare("name", before.Name, after.Name);
        Compare("region", before.Region, after.Region);
        Compare("supportsCallTransfer", before.SupportsCallTransfer, after.SupportsCallTransfer);
        Compare("secureTrunking", before.SecureTrunking, after.SecureTrunking);
        Compare("terminationUri", before.TerminationUri, after.TerminationUri);
        Compare("autoRepair", before.AutoRepair, after.AutoRepair);
        if (changed.Count == 0)
        {
            return;
        }

        changes.Record(
            provider,
            AuditActions.ProviderUpdated,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["changes"] = changed },
            new ProviderUpdated(
                [.. changed.Keys.Where(field => field != "terminationUri")],
                provider.Name,
                provider.Region.Code,
                provider.TerminationUri,
                provider.SecureTrunking,
                provider.SupportsCallTransfer));
    }

    private async Task ApplyToTrunkAsync(TwilioProvider provider, bool? transfer, bool? secure, CancellationToken cancellationToken)
    {
        var credentials = secretProtector.CredentialsOf(provider);
        await twilio.GetActiveAccountAsync(credentials, cancellationToken);
        var trunkSid = provider.TrunkSid;
        if (transfer is { } transferEnabled)
        {
            await UpdateTrunkAsync(
                provider,
                "TransferMode",
                token => twilio.UpdateTrunkTransferModeAsync(credentials, trunkSid, transferEnabled, token),
                (stored, token) => twilio.UpdateTrunkTransferModeAsync(credentials, trunkSid, stored.SupportsCallTransfer, token),
                cancellationToken);
        }

        if (secure is { } secureTrunking)
        {
            await UpdateTrunkAsync(
                provider,
                "Secure",
                token => twilio.UpdateTrunkSecureAsync(credentials, trunkSid, secureTrunking, token),
                (stored, token) => twilio.UpdateTrunkSecureAsync(credentials, trunkSid, stored.SecureTrunking, token),
                cancellationToken);
        }
    }

    /// <summary>
    /// Sets one field of the trunk in Twilio. Once Twilio may have it — it answered, or it failed in a way that leaves the
    /// outcome unknown (5xx after the retries, a timeout, the caller gone) — the trunk is brought back in line with the
    /// stored provider if this command does not commit.
    /// </summary>
    private async Task UpdateTrunkAsync(
        TwilioProvider provider,
        string field,
        Func<CancellationToken, Task> update,
        Func<TwilioProvider, CancellationToken, Task> restore,
        CancellationToken cancellationToken)
    {
        try
        {
            await update(cancellationToken);
        }
        catch (TwilioResourceNotFoundException notFound)
        {
            throw new TwilioTrunkMissingException(provider.TrunkSid, notFound);
        }
        catch (Exception exception) when (exception is TwilioUnavailableException { CircuitOpen: false } or OperationCanceledException)
        {
            RegisterTrunkCompensation(provider, field, restore);
            throw;
        }

        RegisterTrunkCompensation(provider, field, restore);
    }

    /// <summary>
    /// Twilio has the new value. If the row then cannot be saved (another request changed the provider first, or the
    /// second trunk update failed), make the trunk match what is stored — not blindly the old value, which the winner may
    /// have changed as well.
    /// </summary>
    private void RegisterTrunkCompensation(TwilioProvider provider, string field, Func<TwilioProvider, CancellationToken, Task> restore)
    {
        var (organizationId, providerId, trunkSid) = (provider.OrganizationId, provider.Id, provider.TrunkSid);
        unitOfWork.RegisterCompensation(
            $"bring {field} of trunk {trunkSid} back in line with the stored provider",
            async compensationToken =>
            {
                if (await providers.FindCommittedAsync(organizationId, providerId, compensationToken) is { } stored)
                {
                    await restore(stored, compensationToken);
                }
            });
    }

    private sealed record Settings(string Name, string Region, bool SupportsCallTransfer, bool SecureTrunking, string TerminationUri, AutoRepairMode AutoRepair)
    {
        public static Settings Of(TwilioProvider provider) =>
            new(provider.Name, provider.Region.Code, provider.SupportsCallTransfer, provider.SecureTrunking, provider.TerminationUri, provider.AutoRepair);
    }
}
