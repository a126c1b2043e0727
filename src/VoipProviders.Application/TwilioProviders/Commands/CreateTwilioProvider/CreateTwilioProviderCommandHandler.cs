using Mapster;
using Mediator;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Settings;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

public sealed class CreateTwilioProviderCommandHandler(
    IOrganizationProviderSettingsRepository organizationSettings,
    ITwilioProviderRepository providers,
    IConnectClaims connectClaims,
    ITwilioGateway twilio,
    TwilioTrunkProvisioner provisioner,
    IProvisioningIntents provisioningIntents,
    ISecretProtector secretProtector,
    IUnitOfWork unitOfWork,
    VerificationAfterChange verification,
    ProviderChanges changes,
    ISecretFingerprint fingerprint,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider) : ICommandHandler<CreateTwilioProviderCommand, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(CreateTwilioProviderCommand command, CancellationToken cancellationToken)
    {
        // Required by the validator; the pipeline never lets a command without it through.
        var accountSid = command.AccountSid ?? throw new InvalidOperationException("A connect needs an Account SID.");

        // Cheap check first so a duplicate never creates anything in Twilio; the unique index settles races.
        if (await providers.AccountIsConnectedAsync(command.OrganizationId, accountSid, cancellationToken))
        {
            throw TwilioProviderConflicts.AccountAlreadyConnected();
        }

        // Exclusive while in flight, decided before any Twilio call: a parallel connect of the same account would
        // otherwise build a second trunk that the unique index only rejects after it exists.
        var organizationId = command.OrganizationId;
        var claimId = await connectClaims.TryClaimAsync(organizationId, accountSid, cancellationToken)
            ?? throw TwilioProviderConflicts.ConnectInProgress();
        unitOfWork.RegisterCompensation("release the connect claim", token => connectClaims.ReleaseAsync(organizationId, accountSid, claimId, token));
        unitOfWork.OnCommitted("release the connect claim", token => connectClaims.ReleaseAsync(organizationId, accountSid, claimId, token));

        var credentials = new TwilioCredentials(accountSid, command.AuthToken);
        var authTokenFingerprint = await fingerprint.OfAsync(command.AuthToken.Reveal(), cancellationToken);
        TwilioAccount account;
        try
        {
            account = await twilio.GetActiveAccountAsync(credentials, cancellationToken);
        }
        catch (TwilioCredentialsRejectedException)
        {
            await changes.RefusedAsync(
                organizationId,
                providerId: null,
                AuditActions.ProviderConnected,
                ProviderChanges.TwilioRejectedToken,
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["accountSid"] = accountSid.Value,
                    ["authTokenFingerprint"] = authTokenFingerprint,
                },
                cancellationToken);
            throw;
        }

        var now = timeProvider.GetUtcNow();
        var providerId = ProviderId.New(now);
        var region = command.Region is null ? TwilioRegion.Default : TwilioRegion.FromCode(command.Region);
        var supportsCallTransfer = command.SupportsCallTransfer ?? false;
        var autoRepair = (await organizationSettings.FindAsync(command.OrganizationId, cancellationToken))?.DefaultAutoRepair ?? AutoRepairMode.Off;

        // Committed before the first create: if this process dies before the provider is stored, reconciliation
        // finds what was built by the planned names and deletes it.
        var intent = await provisioner.PlanAsync(credentials, command.OrganizationId, providerId, cancellationToken);
        var trunk = await provisioner.ProvisionAsync(credentials, intent, supportsCallTransfer, command.SecureTrunking ?? false, cancellationToken);
        unitOfWork.RegisterCompensation(
            $"delete trunk {trunk.TrunkSid} and credential list {trunk.CredentialListSid}",
            async token =>
            {
                // A commit judged failed that took effect after all must keep its trunk: the stored provider points at
                // it. The id is this connect's own, so a provider found with it is this commit's.
                if (await providers.FindCommittedAsync(organizationId, providerId, token) is null)
                {
                    await provisioner.DeprovisionAsync(credentials, intent, trunk);
                }
            });

        var provider = TwilioProvider.Connect(
            providerId,
            command.OrganizationId,
            command.Name ?? DefaultName(account),
            accountSid,
            secretProtector.Protect(TwilioSecrets.AuthToken, providerId.Value, command.AuthToken.Reveal()),
            region,
            supportsCallTransfer,
            trunk,
            now,
            autoRepair);
        providers.Add(provider);
        provisioningIntents.Fulfil(intent);
        verification.Schedule(provider);
        changes.Record(
            provider,
            AuditActions.ProviderConnected,
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = provider.Name,
                ["accountSid"] = accountSid.Value,
                ["region"] = region.Code,
                ["supportsCallTransfer"] = supportsCallTransfer,
                ["secureTrunking"] = provider.SecureTrunking,
                ["trunkSid"] = trunk.TrunkSid,
                ["credentialListSid"] = trunk.CredentialListSid,
                ["sipUsername"] = provider.SipUsername,
                ["terminationUri"] = provider.TerminationUri,
                ["authTokenFingerprint"] = authTokenFingerprint,
            },
            new ProviderConnected(
                provider.Name,
                accountSid.Value,
                region.Code,
                provider.TerminationUri,
                provider.SecureTrunking,
                provider.SupportsCallTransfer));

        return provider.Adapt<TwilioProviderResponse>(mappings);
    }

    /// <summary>The account's friendly name as Twilio has it, made a valid display name (Twilio allows what we do not).</summary>
    private static string DefaultName(TwilioAccount account) =>
        DisplayText.Clean(account.FriendlyName, ProviderName.MaxLength) is { Length: > 0 } friendly ? friendly : $"Twilio {account.Sid}";
}
