using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using VoipProviders.Web.Auth;
using VoipProviders.Web.ErrorHandling;

namespace VoipProviders.Web.RateLimiting;

/// <summary>
/// Per-organization limit on changes: POST, PUT, PATCH and DELETE under <c>/api</c> share one token bucket per
/// <c>org_id</c> holding <c>RateLimiting:MutatingRequestsPerMinutePerOrganization</c> tokens, refilled evenly over the
/// minute. Reads are never limited; the middleware runs after authorization, so an anonymous request is refused (401)
/// before it can spend anyone's budget. A refusal is 429 problem+json <c>rate_limited</c> with Retry-After.
/// </summary>
internal static class OrganizationRateLimiting
{
    private const string Unlimited = "-";
    private static readonly PathString ApiPath = new("/api");

    public static IServiceCollection AddOrganizationRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            var perMinute = settings.Value.MutatingRequestsPerMinutePerOrganization;
            if (perMinute > 0)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, perMinute));
            }
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, int perMinute)
    {
        var request = context.Request;
        var organizationId = context.User.FindFirst(OrganizationClaims.ClaimType)?.Value;
        if (organizationId is null || !IsChange(request.Method) || !request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter(Unlimited);
        }

        // Prefixed, so no organization id can share the cache entry of the unlimited partition.
        return RateLimitPartition.GetTokenBucketLimiter("org:" + organizationId, _ => Bucket(perMinute));
    }

    /// <summary>A full bucket allows a burst of a minute's worth; tokens come back evenly, at most once a second.</summary>
    private static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        var tokensPerPeriod = (perMinute + 59) / 60;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokensPerPeriod / perMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>The methods the limit counts.</summary>
    public static bool IsChange(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var httpContext = rejected.HttpContext;
        var problem = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests" };
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            problem.Extensions["retryAfterSeconds"] = seconds;
        }

        problem.Extensions["code"] = HttpStatusProblems.RateLimitedCode;
        problem.Detail = HttpStatusProblems.Describe(httpContext, StatusCodes.Status429TooManyRequests).Detail;
        await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
        });
    }
}
