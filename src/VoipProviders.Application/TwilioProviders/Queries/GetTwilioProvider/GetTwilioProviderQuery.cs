using Mediator;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;

public sealed record GetTwilioProviderQuery(OrganizationId OrganizationId, ProviderId ProviderId) : IQuery<TwilioProviderResponse>;
