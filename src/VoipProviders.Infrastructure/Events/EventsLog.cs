using Microsoft.Extensions.Logging;

namespace VoipProviders.Infrastructure.Events;

internal static partial class EventsLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Error, Message = "Handler {Handler} failed on {EventName}; the others were still told")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string eventName, string handler);
}
