using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Security;
using VoipProviders.Contracts.Calling;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.Common;
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
        // The validator has checked the organization id: parsing cannot fail here.
        var organizationId = OrganizationId.Parse(query.OrganizationId);
        var provider = await providers.FindCommittedAsync(organizationId, ProviderId.From(query.ProviderId), cancellationToken)
            ?? throw new NotFoundException("Twilio provider", query.ProviderId);
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
            VerificationStatus = (ProviderVerificationStatus)provider.VerificationStatus,
        };
        logger.DialOutRouteRead(provider.Id.Value, query.OrganizationId, query.Caller, provider.SipCredentialVersion);
        return route;
    }
}
