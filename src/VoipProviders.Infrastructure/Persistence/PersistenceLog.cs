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

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "The commit of unit of work {CommitId} failed on the wire but took effect; answering as committed")]
    public static partial void CommitConfirmedAfterFailure(this ILogger logger, Exception? exception, Guid commitId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Critical, Message = "Whether unit of work {CommitId} committed cannot be determined; its {Count} compensation(s) are NOT run, so resources it created outside the database may need a check")]
    public static partial void CommitOutcomeUnknown(this ILogger logger, Exception exception, Guid commitId, int count);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Critical, Message = "Not compensating '{Description}': the commit may have taken effect")]
    public static partial void CompensationSkipped(this ILogger logger, string description);
}
