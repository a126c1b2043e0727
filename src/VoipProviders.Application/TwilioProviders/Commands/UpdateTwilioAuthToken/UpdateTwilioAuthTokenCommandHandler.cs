using Mapster;
using Mediator;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Contracts.Providers;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

public sealed class UpdateTwilioAuthTokenCommandHandler(
    ITwilioProviderRepository providers,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    VerificationAfterChange verification,
    ProviderChanges changes,
    ISecretFingerprint fingerprint,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider) : ICommandHandler<UpdateTwilioAuthTokenCommand, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(UpdateTwilioAuthTokenCommand command, CancellationToken cancellationToken)
    {
        var (provider, phoneNumberCount) = await providers.FindWithPhoneNumberCountAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        AuthTokenRotationConflicts.ThrowIfRotating(provider);
        RepairConflicts.ThrowIfRepairing(provider, timeProvider);
        var newToken = command.AuthToken.Reveal();
        var newFingerprint = await fingerprint.OfAsync(newToken, cancellationToken);
        await changes.CheckIfMatchAsync(
            provider,
            command.IfMatch,
            AuditActions.AuthTokenRotated,
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["authTokenFingerprint"] = newFingerprint },
            cancellationToken);

        // No transaction is open here: the row is only written when the unit of work commits, guarded by its version.
        try
        {
            await twilio.GetActiveAccountAsync(new TwilioCredentials(provider.AccountSid, command.AuthToken), cancellationToken);
        }
        catch (TwilioCredentialsRejectedException)
        {
            await changes.RefusedAsync(
                provider.OrganizationId,
                provider.Id,
                AuditActions.AuthTokenRotated,
                ProviderChanges.TwilioRejectedToken,
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["accountSid"] = provider.AccountSid.Value,
                    ["authTokenFingerprint"] = newFingerprint,
                },
                cancellationToken);
            throw;
        }

        var previousFingerprint = await fingerprint.OfAsync(secretProtector.Unprotect(TwilioSecrets.AuthToken, provider.Id.Value, provider.AuthToken), cancellationToken);
        provider.RotateAuthToken(
            secretProtector.Protect(TwilioSecrets.AuthToken, provider.Id.Value, newToken),
            timeProvider.GetUtcNow());
        verification.Schedule(provider);
        changes.Record(
            provider,
            AuditActions.AuthTokenRotated,
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["accountSid"] = provider.AccountSid.Value,
                ["previousAuthTokenFingerprint"] = previousFingerprint,
                ["authTokenFingerprint"] = newFingerprint,
            },
            new ProviderAuthTokenRotated(provider.AuthTokenUpdatedAt));

        return provider.Adapt<TwilioProviderResponse>(mappings) with { PhoneNumberCount = phoneNumberCount };
    }
}
