using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListAvailablePhoneNumbers;

public sealed class ListAvailablePhoneNumbersQueryHandler(
    IPhoneNumberTrunks trunks,
    IPhoneNumberReadModel phoneNumbers,
    ITwilioGateway twilio,
    AvailablePhoneNumberListCache listings) : IQueryHandler<ListAvailablePhoneNumbersQuery, PagedResponse<AvailablePhoneNumberResponse>>
{
    public async ValueTask<PagedResponse<AvailablePhoneNumberResponse>> Handle(
        ListAvailablePhoneNumbersQuery query,
        CancellationToken cancellationToken)
    {
        var trunk = await trunks.FindAsync(query.OrganizationId, query.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", query.ProviderId.Value);

        // The account's pages (1000 numbers per request, Twilio filtering by number when asked), read once for every
        // caller of this provider at this version and kept a short while; sorting, our own filter and paging are ours.
        var listing = await listings.GetAsync(
            new AvailablePhoneNumberListKey(trunk.OrganizationId, trunk.ProviderId, trunk.ProviderVersion, query.PhoneNumber),
            async readCancellation => Sorted(await twilio.ListIncomingPhoneNumbersMatchingAsync(trunk.Credentials(), query.PhoneNumber, readCancellation)),
            cancellationToken);
        var numbers = query.PhoneNumber is null
            ? listing
            : listing.Where(n => n.PhoneNumber.Contains(query.PhoneNumber, StringComparison.Ordinal)).ToList();
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

    private static List<TwilioIncomingNumber> Sorted(IEnumerable<TwilioIncomingNumber> numbers) =>
        [.. numbers.OrderBy(n => n.PhoneNumber, StringComparer.Ordinal).ThenBy(n => n.Sid, StringComparer.Ordinal)];
}
