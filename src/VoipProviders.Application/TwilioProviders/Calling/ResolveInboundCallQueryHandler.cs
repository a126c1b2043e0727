using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Contracts.Calling;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.TwilioProviders.Calling;

public sealed class ResolveInboundCallQueryHandler(IInboundCallDirectory directory) : IQueryHandler<ResolveInboundCallQuery, InboundCallResolution>
{
    public async ValueTask<InboundCallResolution> Handle(ResolveInboundCallQuery query, CancellationToken cancellationToken)
    {
        AccountSid? accountSid = query.AccountSid is { } sid ? AccountSid.Parse(sid) : null;
        return await directory.ResolveAsync(query.CalledNumber!, query.RoutingKey, accountSid, cancellationToken)
            ?? throw new NotFoundException("Inbound call route", query.CalledNumber!);
    }
}
