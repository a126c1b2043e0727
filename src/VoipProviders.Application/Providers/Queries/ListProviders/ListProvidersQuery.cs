using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers.Queries.ListProviders;

/// <summary>
/// The organization's providers of every type, newest first (created, then id), one page at a time. The filters are
/// optional: <see cref="ProviderType"/> as the API spells it ("twilio"), <see cref="VerificationStatus"/> likewise ("failed").
/// </summary>
public sealed record ListProvidersQuery(
    OrganizationId OrganizationId,
    int Skip = 0,
    int Take = PagingRules.DefaultTake,
    string? ProviderType = null,
    string? VerificationStatus = null) : IQuery<PagedResponse<ProviderResponse>>;
