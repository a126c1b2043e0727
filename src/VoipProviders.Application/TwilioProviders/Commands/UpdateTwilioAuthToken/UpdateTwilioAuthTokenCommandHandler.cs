using Mapster;
using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

public sealed class UpdateTwilioAuthTokenCommandHandler(
    ITwilioProviderRepository providers,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider) : ICommandHandler<UpdateTwilioAuthTokenCommand, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(UpdateTwilioAuthTokenCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId);

        // No transaction is open here: the row is only written when the unit of work commits, guarded by its version.
        var account = await twilio.FetchAccountAsync(new TwilioCredentials(provider.AccountSid, command.AuthToken), cancellationToken);
        if (!account.IsActive)
        {
            throw new TwilioAccountNotActiveException(account.Status);
        }

        provider.RotateAuthToken(
            secretProtector.Protect(SecretPurpose.TwilioAuthToken, provider.Id, command.AuthToken),
            timeProvider.GetUtcNow());

        return provider.Adapt<TwilioProviderResponse>(mappings);
    }
}
