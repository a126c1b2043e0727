using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using VoipProviders.Web.Auth;
using VoipProviders.Web.ErrorHandling;

namespace VoipProviders.Web.RateLimiting;

/// <summary>
/// Per-organization limits, after authorization (an anonymous request is refused, 401, before it can spend anyone's
/// budget), each answering 429 problem+json <c>rate_limited</c> with Retry-After when spent:
/// <list type="bullet">
/// <item>changes — POST, PUT, PATCH and DELETE under <c>/api</c> share one token bucket per <c>org_id</c> holding
/// <c>RateLimiting:MutatingRequestsPerMinutePerOrganization</c> tokens, refilled evenly over the minute;</item>
/// <item>reads that call Twilio — GETs of endpoints marked <see cref="CallsTwilioMetadata"/> — a token bucket of
/// <c>RateLimiting:TwilioReadsPerMinutePerOrganization</c>, and at most <c>ConcurrentTwilioReadsPerOrganization</c>
/// running with <c>TwilioReadQueueLimitPerOrganization</c> waiting (oldest first); a read beyond the queue is refused
/// at once, so waiting reads never pile up.</item>
/// </list>
/// Other reads are never limited.
/// </summary>
internal static class OrganizationRateLimiting
{
    private const string Unlimited = "-";
    private const string TwilioReadsDetail = "Too many requests that read from Twilio for this organization; wait for Retry-After seconds.";
    private static readonly PathString ApiPath = new("/api");

    public static IServiceCollection AddOrganizationRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteRejectionAsync;
            var limits = settings.Value;
            var limiters = new List<PartitionedRateLimiter<HttpContext>>();
            if (limits.MutatingRequestsPerMinutePerOrganization > 0)
            {
                var perMinute = limits.MutatingRequestsPerMinutePerOrganization;
                limiters.Add(PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    OrganizationOf(context, IsLimitedChange) is { } organizationId
                        ? RateLimitPartition.GetTokenBucketLimiter("org:" + organizationId, _ => Bucket(perMinute))
                        : RateLimitPartition.GetNoLimiter(Unlimited)));
            }

            // Before the bucket: the middleware first tries without waiting, then waits; a read that has to wait for its
            // turn must not spend a token on the try, and a read refused because the queue is full spends none.
            if (limits.ConcurrentTwilioReadsPerOrganization > 0)
            {
                var concurrency = new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.ConcurrentTwilioReadsPerOrganization,
                    QueueLimit = limits.TwilioReadQueueLimitPerOrganization,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                };
                limiters.Add(PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    OrganizationOf(context, IsTwilioRead) is { } organizationId
                        ? RateLimitPartition.GetConcurrencyLimiter("org:" + organizationId, _ => concurrency)
                        : RateLimitPartition.GetNoLimiter(Unlimited)));
            }

            if (limits.TwilioReadsPerMinutePerOrganization > 0)
            {
                var perMinute = limits.TwilioReadsPerMinutePerOrganization;
                limiters.Add(PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    OrganizationOf(context, IsTwilioRead) is { } organizationId
                        ? RateLimitPartition.GetTokenBucketLimiter("org:" + organizationId, _ => Bucket(perMinute))
                        : RateLimitPartition.GetNoLimiter(Unlimited)));
            }

            limiter.GlobalLimiter = limiters.Count switch
            {
                0 => null,
                1 => limiters[0],
                _ => PartitionedRateLimiter.CreateChained([.. limiters]),
            };
        });
        return services;
    }

    /// <summary>
    /// The caller's organization when the request is one the limit counts, else null. Prefixed by the caller, so no
    /// organization id can share the cache entry of the unlimited partition.
    /// </summary>
    private static string? OrganizationOf(HttpContext context, Func<HttpContext, bool> counts) =>
        context.User.FindFirst(OrganizationClaims.ClaimType)?.Value is { } organizationId
        && context.Request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase)
        && counts(context)
            ? organizationId
            : null;

    private static bool IsLimitedChange(HttpContext context) => IsChange(context.Request.Method);

    /// <summary>A read of an endpoint that calls Twilio.</summary>
    private static bool IsTwilioRead(HttpContext context) =>
        !IsChange(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<CallsTwilioMetadata>() is not null;

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

        // A full queue of Twilio-backed reads says nothing about when a place frees up: one is worth another try in a second.
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        problem.Extensions["retryAfterSeconds"] = seconds;
        problem.Extensions["code"] = HttpStatusProblems.RateLimitedCode;
        problem.Detail = IsChange(httpContext.Request.Method)
            ? HttpStatusProblems.Describe(httpContext, StatusCodes.Status429TooManyRequests).Detail
            : TwilioReadsDetail;
        await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
        });
    }
}
