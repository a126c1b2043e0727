using Mapster;
using Mediator;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
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
        var newToken = command.AuthToken.Reveal();
        if (command.IfMatch is { } ifMatch && !ifMatch.IsSatisfiedBy(provider.Version))
        {
            await changes.RefusedAsync(
                provider.OrganizationId,
                provider.Id,
                AuditActions.AuthTokenRotated,
                "stale_if_match",
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["currentVersion"] = provider.Version,
                    ["acceptedVersions"] = ifMatch.AcceptedVersions,
                    ["authTokenFingerprint"] = await fingerprint.OfAsync(newToken, cancellationToken),
                },
                cancellationToken);
            ifMatch.Check(provider.Version);
        }

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
                "twilio_rejected_token",
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["accountSid"] = provider.AccountSid.Value,
                    ["authTokenFingerprint"] = await fingerprint.OfAsync(newToken, cancellationToken),
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
                ["authTokenFingerprint"] = await fingerprint.OfAsync(newToken, cancellationToken),
            },
            new ProviderAuthTokenRotated(provider.AuthTokenUpdatedAt));

        return provider.Adapt<TwilioProviderResponse>(mappings) with { PhoneNumberCount = phoneNumberCount };
    }
}
