using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListAvailablePhoneNumbers;

public sealed class ListAvailablePhoneNumbersQueryHandler(
    IPhoneNumberTrunks trunks,
    IPhoneNumberReadModel phoneNumbers,
    ITwilioGateway twilio) : IQueryHandler<ListAvailablePhoneNumbersQuery, PagedResponse<AvailablePhoneNumberResponse>>
{
    public async ValueTask<PagedResponse<AvailablePhoneNumberResponse>> Handle(
        ListAvailablePhoneNumbersQuery query,
        CancellationToken cancellationToken)
    {
        var trunk = await trunks.FindAsync(query.OrganizationId, query.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", query.ProviderId.Value);

        // Every page of the account (1000 numbers per request), read asynchronously; sorting and paging are ours.
        var numbers = (await twilio.ListIncomingPhoneNumbersAsync(trunk.Credentials(), cancellationToken))
            .Where(n => query.PhoneNumber is null || n.PhoneNumber.Contains(query.PhoneNumber, StringComparison.Ordinal))
            .OrderBy(n => n.PhoneNumber, StringComparer.Ordinal)
            .ThenBy(n => n.Sid, StringComparer.Ordinal)
            .ToList();
        var page = numbers.Skip(query.Skip).Take(query.Take).ToList();
        var imported = await phoneNumbers.ImportedBySidAsync(trunk.ProviderId, [.. page.Select(n => n.Sid)], cancellationToken);

        var items = page.Select(n => new AvailablePhoneNumberResponse
        {
            PhoneNumberSid = n.Sid,
            PhoneNumber = n.PhoneNumber,
            FriendlyName = ImportedPhoneNumber.FriendlyNameFor(n.FriendlyName, n.PhoneNumber),
            Capabilities = n.Capabilities,
            TrunkSid = n.TrunkSid,
            Imported = imported.ContainsKey(n.Sid),
            ImportedPhoneNumberId = imported.TryGetValue(n.Sid, out var id) ? id : null,
        }).ToList();
        return new PagedResponse<AvailablePhoneNumberResponse>(items, numbers.Count, query.Skip, query.Take);
    }
}
