using Mapster;
using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

public sealed class UpdateTwilioAuthTokenCommandHandler(
    ITwilioProviderRepository providers,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    VerificationAfterChange verification,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider) : ICommandHandler<UpdateTwilioAuthTokenCommand, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(UpdateTwilioAuthTokenCommand command, CancellationToken cancellationToken)
    {
        var (provider, phoneNumberCount) = await providers.FindWithPhoneNumberCountAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        command.IfMatch?.Check(provider.Version);

        // No transaction is open here: the row is only written when the unit of work commits, guarded by its version.
        await twilio.GetActiveAccountAsync(new TwilioCredentials(provider.AccountSid, command.AuthToken), cancellationToken);

        provider.RotateAuthToken(
            secretProtector.Protect(TwilioSecrets.AuthToken, provider.Id.Value, command.AuthToken.Reveal()),
            timeProvider.GetUtcNow());
        verification.Schedule(provider);

        return provider.Adapt<TwilioProviderResponse>(mappings) with { PhoneNumberCount = phoneNumberCount };
    }
}
