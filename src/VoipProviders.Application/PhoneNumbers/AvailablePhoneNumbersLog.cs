using Microsoft.Extensions.Logging;

namespace VoipProviders.Application.PhoneNumbers;

internal static partial class AvailablePhoneNumbersLog
{
    [LoggerMessage(EventId = 2350, Level = LogLevel.Debug, Message = "Numbers of provider {ProviderId}: joined the Twilio listing in flight ({Waiting} waiting)")]
    public static partial void JoinedListing(this ILogger logger, Guid providerId, int waiting);

    [LoggerMessage(EventId = 2351, Level = LogLevel.Debug, Message = "Numbers of provider {ProviderId}: answered from the cached listing")]
    public static partial void AnsweredFromCache(this ILogger logger, Guid providerId);

    [LoggerMessage(EventId = 2352, Level = LogLevel.Debug, Message = "Numbers of provider {ProviderId}: every caller left, the Twilio listing is cancelled")]
    public static partial void ListingAbandoned(this ILogger logger, Guid providerId);

    [LoggerMessage(EventId = 2353, Level = LogLevel.Debug, Message = "Numbers of provider {ProviderId}: {Dropped} cached listing(s) dropped after a change to its numbers")]
    public static partial void Invalidated(this ILogger logger, Guid providerId, int dropped);

    [LoggerMessage(EventId = 2354, Level = LogLevel.Debug, Message = "Numbers of provider {ProviderId}: a listing of {Count} numbers is not kept, the cache holds {Cached} of at most {Max}")]
    public static partial void NotKept(this ILogger logger, Guid providerId, int count, int cached, int max);
}
