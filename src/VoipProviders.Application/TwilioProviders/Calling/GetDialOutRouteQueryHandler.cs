using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Contracts.Calling;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.TwilioProviders.SipCredentials;

namespace VoipProviders.Application.TwilioProviders.Calling;

public sealed class GetDialOutRouteQueryHandler(
    ITwilioProviderRepository providers,
    IImportedPhoneNumberRepository phoneNumbers,
    ISecretProtector secretProtector,
    ILogger<GetDialOutRouteQueryHandler> logger) : IQueryHandler<GetDialOutRouteQuery, DialOutRoute>
{
    public async ValueTask<DialOutRoute> Handle(GetDialOutRouteQuery query, CancellationToken cancellationToken)
    {
        var provider = await providers.FindCommittedAsync(query.OrganizationId, query.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", query.ProviderId.Value);
        var numbers = await phoneNumbers.ListOfProviderAsync(provider.Id, cancellationToken);
        var route = new DialOutRoute
        {
            ProviderId = provider.Id.Value,
            TerminationUri = provider.TerminationUri,
            SipUsername = provider.SipUsername,
            SipPassword = secretProtector.Unprotect(TwilioSecrets.SipPassword, provider.Id.Value, provider.SipPassword),
            CallerIdNumbers = [.. numbers.Select(n => n.PhoneNumber).Order(StringComparer.Ordinal)],
            Secure = provider.SecureTrunking,
            CredentialVersion = provider.SipCredentialVersion,
            VerificationStatus = provider.VerificationStatus,
        };
        logger.DialOutRouteRead(provider.Id.Value, query.OrganizationId.Value, query.Caller, provider.SipCredentialVersion);
        return route;
    }
}
