using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Web.ErrorHandling;

/// <summary>
/// Turns every failure into an RFC 9457 problem+json answer with a machine-readable <c>code</c> extension. Details
/// are written for the caller and never include secrets or upstream error text; unknown failures get a bare 500.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetailsService) : IExceptionHandler
{
    private static readonly TimeSpan FallbackRetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception, httpContext);
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails? ToProblem(Exception exception, HttpContext httpContext) => exception switch
    {
        RequestValidationException validation => Validation(validation.Errors),
        BadHttpRequestException badRequest => BadRequest(badRequest),
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "not_found", "Not found", $"{notFound.Resource} '{notFound.Id}' was not found."),
        ConflictException conflict => Problem(StatusCodes.Status409Conflict, conflict.ErrorCode, "Conflict", conflict.Message),
        TwilioCredentialsRejectedException rejected => WithTwilioCode(
            Problem(StatusCodes.Status422UnprocessableEntity, "twilio_credentials_rejected", "Twilio rejected the credentials",
                "Twilio did not accept the Account SID and Auth Token. Check both in the Twilio Console."),
            rejected),
        TwilioAccountNotActiveException notActive => WithExtension(
            Problem(StatusCodes.Status422UnprocessableEntity, "twilio_account_not_active", "Twilio account is not active",
                $"The Twilio account is {notActive.AccountStatus}. Only active accounts can be connected."),
            "accountStatus",
            notActive.AccountStatus),
        TwilioRateLimitedException rateLimited => RetryLater(
            httpContext,
            WithTwilioCode(
                Problem(StatusCodes.Status503ServiceUnavailable, "twilio_rate_limited", "Twilio is rate-limiting this account",
                    "Twilio asked us to slow down. Retry after the time in the Retry-After header."),
                rateLimited),
            rateLimited.RetryAfter ?? FallbackRetryAfter),
        TwilioUnavailableException { CircuitOpen: true } open => RetryLater(
            httpContext,
            Problem(StatusCodes.Status503ServiceUnavailable, "twilio_circuit_open", "Twilio calls are paused",
                "Calls to Twilio failed repeatedly and are paused for a short while. Retry after the time in the Retry-After header."),
            open.RetryAfter ?? FallbackRetryAfter),
        TwilioUnavailableException unavailable => WithTwilioCode(
            Problem(StatusCodes.Status502BadGateway, "twilio_unavailable", "Twilio is unavailable",
                "Twilio could not complete the request, even after retries. Nothing was changed; try again later."),
            unavailable),
        TwilioGatewayException other => WithTwilioCode(
            Problem(StatusCodes.Status502BadGateway, "twilio_request_failed", "Twilio refused the request",
                "Twilio refused a request the service made on your behalf. Nothing was changed."),
            other),
        _ => null,
    };

    private static ValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) => new(errors.ToDictionary())
    {
        Status = StatusCodes.Status400BadRequest,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        Title = "One or more fields are invalid",
        Detail = "See errors for the fields to correct.",
        Extensions = { ["code"] = "validation_failed" },
    };

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode != StatusCodes.Status400BadRequest)
        {
            return Problem(exception.StatusCode, "bad_request", "The request could not be processed", exception.Message);
        }

        // Malformed JSON names the offending member ($.authToken); anything else concerns the body as a whole.
        var field = exception.InnerException is JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..]
            : "body";
        var message = field == "body"
            ? "The request body is missing or is not valid JSON."
            : $"{field} has the wrong JSON type or is malformed.";
        return Validation(new Dictionary<string, string[]> { [field] = [message] });
    }

    private static ProblemDetails Problem(int status, string code, string title, string detail) => new()
    {
        Status = status,
        Type = TypeFor(status),
        Title = title,
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    private static ProblemDetails WithTwilioCode(ProblemDetails problem, TwilioGatewayException exception)
    {
        if (exception.TwilioErrorCode is { } code)
        {
            problem.Extensions["twilioErrorCode"] = code;
            problem.Extensions["twilioMoreInfo"] = $"https://www.twilio.com/docs/errors/{code}";
        }

        return problem;
    }

    private static ProblemDetails WithExtension(ProblemDetails problem, string name, object value)
    {
        problem.Extensions[name] = value;
        return problem;
    }

    private static ProblemDetails RetryLater(HttpContext httpContext, ProblemDetails problem, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        problem.Extensions["retryAfterSeconds"] = seconds;
        return problem;
    }

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status502BadGateway => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
