using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Twilio.Clients;
using Twilio.Exceptions;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// Runs one SDK call for one credential pair through the resilience pipeline and turns every Twilio SDK failure into
/// a <see cref="TwilioGatewayException"/>.
/// </summary>
internal sealed class TwilioCallExecutor(
    TwilioRestClientFactory clientFactory,
    TwilioResiliencePipeline resilience,
    TimeProvider timeProvider,
    ILogger<TwilioCallExecutor> logger)
{
    public async Task<T> ExecuteAsync<T>(
        TwilioCredentials credentials,
        string operation,
        TwilioOperationKind kind,
        Func<ITwilioRestClient, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var client = clientFactory.Create(credentials);
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        context.Properties.Set(TwilioResiliencePipeline.OperationKindKey, kind);
        try
        {
            return await resilience.Pipeline.ExecuteAsync(
                async attemptContext =>
                {
                    var attemptToken = attemptContext.CancellationToken;
                    using var scope = TwilioCallScope.Begin(attemptToken);
                    try
                    {
                        return await call(client);
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
        logger.CallFailed(operation, credentials.AccountSid, exception.HttpStatus, exception.TwilioErrorCode);
        return exception;
    }

    private Exception Translate(TwilioException exception, TwilioOperationKind kind, TwilioCallScope scope, CancellationToken attemptToken)
    {
        var outcomeUnknown = kind == TwilioOperationKind.Create;
        switch (exception)
        {
            case ApiConnectionException when attemptToken.IsCancellationRequested:
                // Our own timeout or the caller's cancellation: let Polly tell which.
                return new OperationCanceledException("The Twilio request was cancelled.", exception, attemptToken);
            case ApiConnectionException:
                return new TwilioUnavailableException("Twilio could not be reached.", outcomeUnknown: outcomeUnknown, innerException: exception);
            case ApiException { Status: 401 or 403 } api:
                return new TwilioCredentialsRejectedException(NullIfZero(api.Code), api.Status, exception);
            case ApiException { Status: 404 } api:
                return new TwilioResourceNotFoundException("Twilio has no such resource.", NullIfZero(api.Code), exception);
            case ApiException { Status: 429 } api:
                return new TwilioRateLimitedException(scope.RetryAfterDelay(timeProvider.GetUtcNow()), NullIfZero(api.Code), exception);
            case ApiException { Status: >= 500 } api:
                return new TwilioUnavailableException(
                    $"Twilio failed with HTTP {api.Status}.", NullIfZero(api.Code), api.Status, outcomeUnknown, innerException: exception);
            case ApiException { Status: >= 400 } api:
                return new TwilioRequestRejectedException(
                    $"Twilio rejected the request with HTTP {api.Status}, code {api.Code}.", NullIfZero(api.Code), api.Status, exception);
            default:
                // Unreadable answers (non-JSON error bodies, malformed JSON) carry no usable status.
                return new TwilioUnavailableException("Twilio sent an answer that could not be read.", outcomeUnknown: outcomeUnknown, innerException: exception);
        }
    }

    private static int? NullIfZero(int code) => code == 0 ? null : code;
}
