using Mediator;

namespace VoipProviders.Contracts.Calling;

/// <summary>
/// How the platform's SIP/media layer places a call out through an organization's provider: the termination URI and the
/// SIP credential to authenticate with (the password in plain, in memory only). Another organization's provider, or an
/// unknown one, is not found. Every read is logged with the provider and <paramref name="Caller"/>, never the password.
/// </summary>
/// <param name="OrganizationId">The organization the provider must belong to.</param>
/// <param name="ProviderId">The provider to dial out through.</param>
/// <param name="Caller">Who asks (the service token's subject, or the calling module's name): for the log.</param>
public sealed record GetDialOutRouteQuery(string OrganizationId, Guid ProviderId, string Caller) : IQuery<DialOutRoute>;
