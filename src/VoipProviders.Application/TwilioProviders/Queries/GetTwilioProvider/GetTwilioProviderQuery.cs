using Mediator;

namespace VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;

public sealed record GetTwilioProviderQuery(string OrganizationId, Guid ProviderId) : IQuery<TwilioProviderResponse>;
