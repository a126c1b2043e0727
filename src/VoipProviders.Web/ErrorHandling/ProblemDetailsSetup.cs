using Microsoft.AspNetCore.Diagnostics;

namespace VoipProviders.Web.ErrorHandling;

/// <summary>
/// One problem+json shape for every error: exceptions through <see cref="ProblemDetailsExceptionHandler"/>, and answers
/// without a body (401, 403, unknown routes, 405, 413, 415, 429…) through the status-code pages, which write the same
/// problem via <see cref="IProblemDetailsService"/>. Every problem gets <c>code</c>, <c>traceId</c> and <c>instance</c>.
/// </summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddVoipProvidersProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var httpContext = context.HttpContext;
            problem.Instance ??= httpContext.Request.Path;
            problem.Extensions.TryAdd("traceId", httpContext.TraceIdentifier);
            if (!problem.Extensions.ContainsKey("code"))
            {
                var (code, detail) = HttpStatusProblems.Describe(httpContext, problem.Status ?? httpContext.Response.StatusCode);
                problem.Extensions["code"] = code;
                problem.Detail ??= detail;
            }
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        // Since .NET 10 an exception an IExceptionHandler answered is not logged by the middleware. Contract outcomes are
        // logged as outcomes where they happen; a 500 or a database outage must still reach the log with its stack trace.
        services.Configure<ExceptionHandlerOptions>(options => options.SuppressDiagnosticsCallback = context =>
            context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService
            && ProblemDetailsExceptionHandler.IsContractOutcome(context.Exception));
        return services;
    }
}
