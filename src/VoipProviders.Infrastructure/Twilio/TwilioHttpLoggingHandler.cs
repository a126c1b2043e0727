using Microsoft.Extensions.Logging;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// Logs each HTTP exchange with Twilio — method, host, path, status, duration — and nothing else. It replaces the
/// HttpClientFactory loggers, whose structured state carries the raw Authorization header (Base64 of SID:token).
/// </summary>
internal sealed class TwilioHttpLoggingHandler(ILogger<TwilioHttpLoggingHandler> logger, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            // Both records are Debug: off in production, so the URI is not taken apart for nothing.
            return await base.SendAsync(request, cancellationToken);
        }

        var started = timeProvider.GetTimestamp();
        var method = request.Method.Method;
        var host = request.RequestUri?.Host ?? string.Empty;
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var elapsedMilliseconds = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var statusCode = (int)response.StatusCode;
            logger.Exchanged(method, host, path, statusCode, elapsedMilliseconds);
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            var elapsedMilliseconds = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            var reason = exception.GetType().Name;
            logger.ExchangeFailed(method, host, path, reason, elapsedMilliseconds);
            throw;
        }
    }
}
