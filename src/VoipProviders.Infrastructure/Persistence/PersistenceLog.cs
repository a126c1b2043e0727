using Microsoft.Extensions.Logging;

namespace VoipProviders.Infrastructure.Persistence;

internal static partial class PersistenceLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Command did not commit; running {Count} compensation(s)")]
    public static partial void Compensating(this ILogger logger, int count);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Compensation '{Description}' failed; the external resource may need manual clean-up")]
    public static partial void CompensationFailed(this ILogger logger, Exception exception, string description);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "After-commit step '{Description}' failed; the change is committed")]
    public static partial void AfterCommitFailed(this ILogger logger, Exception exception, string description);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Applying database migrations to schema {Schema}")]
    public static partial void Migrating(this ILogger logger, string schema);
}
