using Mediator;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers.Queries.GetProvider;

/// <summary>Any provider of the organization, whatever its type.</summary>
public sealed record GetProviderQuery(OrganizationId OrganizationId, ProviderId ProviderId) : IQuery<ProviderResponse>;
