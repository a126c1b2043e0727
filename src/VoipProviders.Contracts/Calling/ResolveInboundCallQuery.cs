using Mediator;

namespace VoipProviders.Contracts.Calling;

/// <summary>
/// Which organization, provider and imported number an inbound call belongs to, from what the SIP ingress knows: the
/// called number (E.164) and the routing key the origination URL carried, and/or the Twilio Account SID of the call.
/// Not found unless the number is imported by a provider matching every key given. Indexed lookups only.
/// </summary>
public sealed record ResolveInboundCallQuery(string? CalledNumber, string? RoutingKey = null, string? AccountSid = null) : IQuery<InboundCallResolution>;
