using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.Common.Behaviours;

internal static partial class BehaviourLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Handled {MessageName} in {ElapsedMilliseconds:0.0} ms")]
    public static partial void Handled(this ILogger logger, string messageName, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Rejected {MessageName} after {ElapsedMilliseconds:0.0} ms: {Reason}")]
    public static partial void Rejected(this ILogger logger, string messageName, double elapsedMilliseconds, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Failed {MessageName} after {ElapsedMilliseconds:0.0} ms")]
    public static partial void Failed(this ILogger logger, Exception exception, string messageName, double elapsedMilliseconds);
}
