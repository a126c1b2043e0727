using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers.Queries.ListProviderPhoneNumbers;

/// <summary>The numbers one provider of the organization imported (404 when the provider is not the organization's).</summary>
public sealed record ListProviderPhoneNumbersQuery(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    int Skip = 0,
    int Take = PagingRules.DefaultTake) : IQuery<PagedResponse<PhoneNumberResponse>>;
