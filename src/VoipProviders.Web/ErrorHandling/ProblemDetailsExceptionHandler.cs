using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Domain.Common;

namespace VoipProviders.Web.ErrorHandling;

/// <summary>
/// Turns every failure into an RFC 9457 problem+json answer with a machine-readable <c>code</c> extension. Expected
/// failures carry their own code, title, detail and facts; their kind picks the status, here and nowhere else.
/// Details never include secrets or upstream error text. A database that cannot serve us is a 503
/// <c>database_unavailable</c> with Retry-After; anything else unexpected is a 500 <c>internal_error</c> with the traceId
/// only — the exception and its stack trace go to the log (see <see cref="IsContractOutcome"/>), never to the caller.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetailsService) : IExceptionHandler
{
    private static readonly TimeSpan FallbackRetryAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DatabaseRetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var problem = ToProblem(exception, httpContext);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// Failures that are part of the contract (bad input, expected outcomes): their answer says everything, and logging
    /// already recorded them as outcomes, so the exception middleware does not log them again as errors.
    /// </summary>
    public static bool IsContractOutcome(Exception exception) =>
        exception is RequestValidationException or ExpectedFailureException or DomainRuleViolationException or BadHttpRequestException;

    public static int StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.InvalidRequest => StatusCodes.Status400BadRequest,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        FailureKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        FailureKind.UpstreamFailed => StatusCodes.Status502BadGateway,
        FailureKind.TemporarilyUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static ProblemDetails ToProblem(Exception exception, HttpContext httpContext) => exception switch
    {
        RequestValidationException validation => Validation(validation.Errors),
        ExpectedFailureException expected => Expected(expected, httpContext),
        DomainRuleViolationException rule => Problem(
            StatusCodes.Status422UnprocessableEntity, rule.Code, "The change breaks a rule of the provider", rule.Message),
        BadHttpRequestException badRequest => BadRequest(badRequest, httpContext),
        _ when DatabaseFailures.IsUnavailable(exception) => DatabaseUnavailable(httpContext),
        _ => Problem(
            StatusCodes.Status500InternalServerError,
            HttpStatusProblems.InternalErrorCode,
            "An unexpected error occurred",
            HttpStatusProblems.Describe(httpContext, StatusCodes.Status500InternalServerError).Detail),
    };

    private static ProblemDetails DatabaseUnavailable(HttpContext httpContext)
    {
        var problem = Problem(
            StatusCodes.Status503ServiceUnavailable,
            HttpStatusProblems.DatabaseUnavailableCode,
            "The database is unavailable",
            "The service cannot reach its database right now. Try again after Retry-After seconds.");
        WithRetryAfter(httpContext, problem, DatabaseRetryAfter);
        return problem;
    }

    private static void WithRetryAfter(HttpContext httpContext, ProblemDetails problem, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        problem.Extensions["retryAfterSeconds"] = seconds;
    }

    private static ProblemDetails Expected(ExpectedFailureException failure, HttpContext httpContext)
    {
        var problem = Problem(StatusOf(failure.Kind), failure.Code, failure.Title, failure.Detail);
        foreach (var (name, value) in failure.Facts)
        {
            problem.Extensions[name] = value;
        }

        if (failure.Kind == FailureKind.TemporarilyUnavailable)
        {
            WithRetryAfter(httpContext, problem, failure.RetryAfter ?? FallbackRetryAfter);
        }

        return problem;
    }

    private static ValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) => new(errors.ToDictionary())
    {
        Status = StatusCodes.Status400BadRequest,
        Type = TypeFor(StatusCodes.Status400BadRequest),
        Title = "One or more fields are invalid",
        Detail = "See errors for the fields to correct.",
        Extensions = { ["code"] = RequestValidationException.ValidationFailedCode },
    };

    private static ProblemDetails BadRequest(BadHttpRequestException exception, HttpContext httpContext)
    {
        if (exception.StatusCode != StatusCodes.Status400BadRequest)
        {
            // 413 (body over Api:MaxRequestBodyBytes, also for chunked bodies), 415, 408, 431…: the code names the
            // status; the server's own message is not echoed.
            var (code, detail) = HttpStatusProblems.Describe(httpContext, exception.StatusCode);
            return Problem(exception.StatusCode, code, "The request could not be processed", detail);
        }

        // A query or route value that is not of its type: name the parameter, never echo the value.
        if (BindFailure().Match(exception.Message) is { Success: true } bind)
        {
            var parameter = JsonNamingPolicy.CamelCase.ConvertName(bind.Groups["name"].Value);
            return Validation(new Dictionary<string, string[]> { [parameter] = [$"{parameter} has the wrong type."] });
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

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status412PreconditionFailed => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status500InternalServerError => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        StatusCodes.Status502BadGateway => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    // ASP.NET Core: Failed to bind parameter "int? skip" from "abc".
    [GeneratedRegex("^Failed to bind parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\" from ", RegexOptions.CultureInvariant)]
    private static partial Regex BindFailure();
}
