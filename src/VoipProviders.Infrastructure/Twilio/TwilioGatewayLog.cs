using Microsoft.Extensions.Logging;

namespace VoipProviders.Infrastructure.Twilio;

internal static partial class TwilioGatewayLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Twilio {Operation} failed ({Reason}); attempt {NextAttempt} in {DelayMilliseconds:0} ms")]
    public static partial void Retrying(this ILogger logger, string operation, int nextAttempt, double delayMilliseconds, string reason);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Twilio circuit for {Product} of account {AccountSid} opened for {BreakSeconds:0.#} s after repeated failures")]
    public static partial void CircuitOpened(this ILogger logger, string product, string accountSid, double breakSeconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Twilio circuit for {Product} of account {AccountSid} closed")]
    public static partial void CircuitClosed(this ILogger logger, string product, string accountSid);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Twilio {Operation} for account {AccountSid} failed: HTTP {HttpStatus}, Twilio code {TwilioCode}")]
    public static partial void CallFailed(this ILogger logger, string operation, string accountSid, int? httpStatus, int? twilioCode);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Twilio HTTP {Method} {Host}{Path} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    public static partial void Exchanged(this ILogger logger, string method, string host, string path, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Twilio HTTP {Method} {Host}{Path} failed ({Reason}) after {ElapsedMilliseconds:0.0} ms")]
    public static partial void ExchangeFailed(this ILogger logger, string method, string host, string path, string reason, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Twilio {Operation} for account {AccountSid} waited {WaitMilliseconds:0} ms: {PermitLimit} calls for that account were already in flight")]
    public static partial void WaitedForSlot(this ILogger logger, string operation, string accountSid, double waitMilliseconds, int permitLimit);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Twilio {Operation} for account {AccountSid}: the answer links its next page to {NextPageOrigin} instead of {FirstPageOrigin}; not followed, the list read fails")]
    public static partial void NextPageRefused(this ILogger logger, string operation, string accountSid, string firstPageOrigin, string nextPageOrigin);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Twilio {Operation} for account {AccountSid}: the list goes on past {MaxPages} pages (Twilio:MaxListPages); the rest is not read")]
    public static partial void ListTooLong(this ILogger logger, string operation, string accountSid, int maxPages);
}
