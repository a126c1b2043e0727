using Microsoft.Extensions.Logging;

namespace VoipProviders.Infrastructure.BackgroundWork;

internal static partial class BackgroundWorkLog
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Warning, Message = "Counting stuck background work for the gauges failed; they keep the last count until the next refresh")]
    public static partial void RefreshFailed(this ILogger logger, Exception exception);
}
