using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Twilio.Clients;
using Twilio.Exceptions;
using VoipProviders.Application.Twilio;
using TwilioDomain = Twilio.Rest.Domain;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// Runs one SDK call for one credential pair through the resilience pipeline of its product host and account, and turns
/// every Twilio SDK failure into a <see cref="TwilioGatewayException"/>, classified by the HTTP status seen on the wire.
/// </summary>
internal sealed class TwilioCallExecutor(
    TwilioRestClientFactory clientFactory,
    TwilioResiliencePipeline resilience,
    TimeProvider timeProvider,
    TwilioMetrics metrics,
    ILogger<TwilioCallExecutor> logger)
{
    public async Task<T> ExecuteAsync<T>(
        TwilioCredentials credentials,
        TwilioDomain product,
        string operation,
        TwilioOperationKind kind,
        Func<ITwilioRestClient, Task<T>> call,
        CancellationToken cancellationToken,
        TwilioCircuitUse circuit = TwilioCircuitUse.Breaker)
    {
        var productName = product.ToString();
        var name = TwilioTelemetry.NameOf(productName, operation);
        var started = timeProvider.GetTimestamp();
        using var activity = TwilioTelemetry.ActivitySource.StartActivity(name.SpanName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TwilioTelemetry.ProductTag, name.Product);
            activity.SetTag(TwilioTelemetry.OperationTag, name.Operation);
        }

        try
        {
            var result = await ExecuteCoreAsync(credentials, productName, operation, kind, call, activity, cancellationToken, circuit);
            activity?.SetTag(TwilioTelemetry.OutcomeTag, TwilioTelemetry.SuccessOutcome);
            metrics.CallEnded(name, TwilioTelemetry.SuccessOutcome, timeProvider.GetElapsedTime(started));
            return result;
        }
        catch (Exception exception)
        {
            var outcome = OutcomeOf(exception);
            metrics.CallEnded(name, outcome, timeProvider.GetElapsedTime(started));
            if (activity is not null)
            {
                activity.SetTag(TwilioTelemetry.OutcomeTag, outcome);
                if (exception is TwilioGatewayException gateway)
                {
                    activity.SetTag(TwilioTelemetry.StatusCodeTag, gateway.HttpStatus);
                    activity.SetTag(TwilioTelemetry.ErrorCodeTag, gateway.TwilioErrorCode);
                }

                // A 404 is an answer the callers expect (a lookup, a delete of what is gone), not a failure of the call.
                // Only the outcome's code is recorded: exception messages stay out of telemetry (ADR-020).
                if (exception is not TwilioResourceNotFoundException)
                {
                    activity.SetTag("error.type", outcome);
                    activity.SetStatus(ActivityStatusCode.Error, outcome);
                }
            }

            throw;
        }
    }

    /// <summary>
    /// The outcome as telemetry records it: the error code the API would answer with (<c>twilio_unavailable</c>,
    /// <c>twilio_circuit_open</c>, …; <c>twilio_not_found</c> for a 404), <c>cancelled</c>, or <c>error</c>. A small, fixed set.
    /// </summary>
    private static string OutcomeOf(Exception exception) => exception switch
    {
        TwilioResourceNotFoundException => "twilio_not_found",
        TwilioGatewayException gateway => gateway.Code,
        OperationCanceledException => "cancelled",
        _ => "error",
    };

    private async Task<T> ExecuteCoreAsync<T>(
        TwilioCredentials credentials,
        string product,
        string operation,
        TwilioOperationKind kind,
        Func<ITwilioRestClient, Task<T>> call,
        Activity? activity,
        CancellationToken cancellationToken,
        TwilioCircuitUse circuit)
    {
        var client = clientFactory.Create(credentials);
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        context.Properties.Set(TwilioResiliencePipeline.OperationKindKey, kind);
        context.Properties.Set(TwilioResiliencePipeline.CallSpanKey, activity);
        try
        {
            return await resilience.ExecuteAsync(
                new TwilioCircuitKey(product, credentials.AccountSid.Value),
                circuit,
                async attemptContext =>
                {
                    var attemptToken = attemptContext.CancellationToken;
                    activity?.SetTag(TwilioTelemetry.AttemptsTag, ++attempts);
                    using var scope = TwilioCallScope.Begin(attemptToken);
                    try
                    {
                        var result = await call(client);
                        activity?.SetTag(TwilioTelemetry.StatusCodeTag, scope.HttpStatus);
                        return result;
                    }
                    catch (TwilioException exception)
                    {
                        throw Translate(exception, kind, scope, attemptToken);
                    }
                },
                context);
        }
        catch (TimeoutRejectedException exception)
        {
            throw Logged(operation, credentials, new TwilioUnavailableException(
                "Twilio did not answer in time.", outcomeUnknown: kind == TwilioOperationKind.Create, innerException: exception));
        }
        catch (BrokenCircuitException exception)
        {
            throw new TwilioUnavailableException(
                "Calls to Twilio are paused after repeated failures.",
                retryAfter: exception.RetryAfter ?? resilience.Options.CircuitBreakDuration,
                circuitOpen: true,
                innerException: exception);
        }
        catch (TwilioRateLimitedException exception) when (exception.RetryAfter is null)
        {
            // Twilio did not say how long to wait; our callers still get a Retry-After.
            throw Logged(operation, credentials, new TwilioRateLimitedException(resilience.Options.DefaultRetryAfter, exception.TwilioErrorCode, exception));
        }
        catch (TwilioGatewayException exception) when (exception is not TwilioResourceNotFoundException)
        {
            throw Logged(operation, credentials, exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private TwilioGatewayException Logged(string operation, TwilioCredentials credentials, TwilioGatewayException exception)
    {
        logger.CallFailed(operation, credentials.AccountSid.Value, exception.HttpStatus, exception.TwilioErrorCode);
        return exception;
    }

    private Exception Translate(TwilioException exception, TwilioOperationKind kind, TwilioCallScope scope, CancellationToken attemptToken)
    {
        var outcomeUnknown = kind == TwilioOperationKind.Create;
        if (exception is ApiConnectionException)
        {
            return attemptToken.IsCancellationRequested
                // Our own timeout or the caller's cancellation: let Polly tell which.
                ? new OperationCanceledException("The Twilio request was cancelled.", exception, attemptToken)
                : new TwilioUnavailableException("Twilio could not be reached.", outcomeUnknown: outcomeUnknown, innerException: exception);
        }

        // The status as it arrived: the SDK reports 0 for error bodies that are not Twilio's JSON (a proxy's HTML page),
        // which must not turn a 401/403/404 into an outage.
        var status = scope.HttpStatus ?? exception switch
        {
            ApiException api => api.Status,
            ApiStandardException standard => standard.Status,
            _ => 0,
        };
        var code = exception switch
        {
            ApiException api => NullIfZero(api.Code),
            ApiStandardException standard => NullIfZero(standard.Code),
            _ => null,
        };
        return status switch
        {
            401 or 403 => new TwilioCredentialsRejectedException(code, status, exception),
            404 => new TwilioResourceNotFoundException("Twilio has no such resource.", code, exception),
            429 => new TwilioRateLimitedException(scope.RetryAfterDelay(timeProvider.GetUtcNow()), code, exception),
            >= 500 => new TwilioUnavailableException($"Twilio failed with HTTP {status}.", code, status, outcomeUnknown, innerException: exception),
            >= 400 => new TwilioRequestRejectedException($"Twilio rejected the request with HTTP {status}, code {code}.", code, status, exception),
            // A success or redirect whose body could not be read, or no status at all: Twilio's answer is unusable.
            _ => new TwilioUnavailableException("Twilio sent an answer that could not be read.", outcomeUnknown: outcomeUnknown, innerException: exception),
        };
    }

    private static int? NullIfZero(int code) => code == 0 ? null : code;
}
