using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListAvailablePhoneNumbers;

/// <summary>
/// The numbers in the Twilio account behind a provider, ordered by number, one page at a time; <see cref="PhoneNumber"/>
/// keeps those whose E.164 number contains it.
/// </summary>
public sealed record ListAvailablePhoneNumbersQuery(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    int Skip = 0,
    int Take = ListAvailablePhoneNumbersQuery.DefaultTake,
    string? PhoneNumber = null) : IQuery<PagedResponse<AvailablePhoneNumberResponse>>
{
    public const int DefaultTake = 50;
}
