using Mediator;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListAvailablePhoneNumbers;

public sealed class ListAvailablePhoneNumbersQueryHandler(
    ITwilioProviderRepository providers,
    IVoipProvidersDbContext dbContext,
    ITwilioGateway twilio,
    ISecretProtector secretProtector) : IQueryHandler<ListAvailablePhoneNumbersQuery, PagedResponse<AvailablePhoneNumberResponse>>
{
    public async ValueTask<PagedResponse<AvailablePhoneNumberResponse>> Handle(
        ListAvailablePhoneNumbersQuery query,
        CancellationToken cancellationToken)
    {
        var provider = await providers.FindCommittedAsync(query.OrganizationId, query.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", query.ProviderId);

        // Every page of the account (1000 numbers per request), read asynchronously; sorting and paging are ours.
        var numbers = (await twilio.ListIncomingPhoneNumbersAsync(secretProtector.CredentialsOf(provider), cancellationToken))
            .Where(n => query.PhoneNumber is null || n.PhoneNumber.Contains(query.PhoneNumber, StringComparison.Ordinal))
            .OrderBy(n => n.PhoneNumber, StringComparer.Ordinal)
            .ThenBy(n => n.Sid, StringComparer.Ordinal)
            .ToList();
        var page = numbers.Skip(query.Skip).Take(query.Take).ToList();

        var sids = page.Select(n => n.Sid).ToList();
        var imported = await dbContext.ImportedPhoneNumbers
            .AsNoTracking()
            .Where(n => n.ProviderId == provider.Id && sids.Contains(n.PhoneNumberSid))
            .ToDictionaryAsync(n => n.PhoneNumberSid, n => n.Id, StringComparer.Ordinal, cancellationToken);

        var items = page.Select(n => new AvailablePhoneNumberResponse
        {
            PhoneNumberSid = n.Sid,
            PhoneNumber = n.PhoneNumber,
            FriendlyName = n.FriendlyName,
            Capabilities = n.Capabilities,
            TrunkSid = n.TrunkSid,
            Imported = imported.ContainsKey(n.Sid),
            ImportedPhoneNumberId = imported.TryGetValue(n.Sid, out var id) ? id : null,
        }).ToList();
        return new PagedResponse<AvailablePhoneNumberResponse>(items, numbers.Count, query.Skip, query.Take);
    }
}
