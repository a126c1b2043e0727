using Microsoft.Extensions.Logging;

namespace VoipProviders.Infrastructure.Auditing;

internal static partial class AuditLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Error, Message = "The audit record of a refused {Action} (provider {ProviderId}) could not be written")]
    public static partial void RefusalNotRecorded(this ILogger logger, Exception exception, string action, Guid? providerId);
}
