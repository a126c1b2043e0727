using Microsoft.Extensions.Logging;

namespace VoipProviders.Infrastructure.Events;

internal static partial class EventsLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Handler {Handler} failed on {EventType} {EventId} (attempt {Attempt}); it will be retried, the other handlers are not called again")]
    public static partial void DeliveryFailed(this ILogger logger, Exception exception, string eventType, Guid eventId, string handler, int attempt);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Handler {Handler} failed on {EventType} {EventId} of provider {ProviderId} {Attempts} times; the delivery is parked until an operator retries it")]
    public static partial void DeliveryParked(this ILogger logger, Exception exception, string eventType, Guid eventId, string handler, Guid providerId, int attempts);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "A round of event delivery failed; the deliveries stay pending")]
    public static partial void DispatchRoundFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Parked deliveries queued again by an operator: {Count} (event {EventId}, handler {Handler})")]
    public static partial void ParkedRetried(this ILogger logger, int count, Guid? eventId, string? handler);
}
