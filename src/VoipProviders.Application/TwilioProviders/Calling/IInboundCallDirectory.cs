using VoipProviders.Contracts.Calling;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.TwilioProviders.Calling;

/// <summary>The indexed look-up behind <see cref="ResolveInboundCallQuery"/>: one SQL statement, compiled once.</summary>
public interface IInboundCallDirectory
{
    /// <summary>The imported number and its provider matching every key given (at least one of them), or null.</summary>
    Task<InboundCallResolution?> ResolveAsync(string calledNumber, string? routingKey, AccountSid? accountSid, CancellationToken cancellationToken);
}
