using Mediator;

namespace VoipProviders.Application.Providers.Queries.GetProvider;

/// <summary>Any provider of the organization, whatever its type.</summary>
public sealed record GetProviderQuery(string OrganizationId, Guid ProviderId) : IQuery<ProviderResponse>;
