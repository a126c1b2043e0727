using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListPhoneNumbers;

/// <summary>
/// The organization's imported numbers, ordered by number, one page at a time; optionally those of one provider, or
/// those whose E.164 number contains <see cref="PhoneNumber"/>.
/// </summary>
public sealed record ListPhoneNumbersQuery(
    OrganizationId OrganizationId,
    ProviderId? ProviderId = null,
    string? PhoneNumber = null,
    int Skip = 0,
    int Take = PagingRules.DefaultTake) : IQuery<PagedResponse<PhoneNumberResponse>>;
