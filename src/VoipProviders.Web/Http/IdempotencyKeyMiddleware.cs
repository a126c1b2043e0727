using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Web.Auth;

namespace VoipProviders.Web.Http;

/// <summary>
/// <c>Idempotency-Key</c> on the endpoints that accept it: the first request with a key runs and its response is kept
/// for a day; a retry with the same key and the same body gets that response again (with <c>Idempotent-Replayed:
/// true</c>) instead of running twice; the same key with another body is a 422; a retry while the first still runs is
/// a 409. Only a success is kept, and it is stored in the same transaction as the changes it reports
/// (<see cref="IdempotencyContext"/>); after anything else — Twilio down, bad input, a conflict, a server error — the
/// key is freed and a retry runs again. Keys are per organization and endpoint.
/// </summary>
internal sealed partial class IdempotencyKeyMiddleware(
    RequestDelegate next,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions,
    IdempotencyMetrics metrics,
    ILogger<IdempotencyKeyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IdempotencyKeyMetadata>();
        if (metadata is null || !context.Request.Headers.TryGetValue(HeaderName, out var values) || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || !key.All(c => c is >= '!' and <= '~'))
        {
            await WriteProblemAsync(context, problems, StatusCodes.Status400BadRequest, "invalid_idempotency_key",
                $"{HeaderName} must be one value of 1 to {MaxKeyLength} visible ASCII characters.");
            return;
        }

        if (!context.User.TryGetOrganizationId(out var organizationId))
        {
            // Not a tenant anything can be stored for: the request's own validation answers 400 naming it.
            await next(context);
            return;
        }

        // Resolved only here: most requests carry no key, and the store would take a database context from the pool.
        var store = context.RequestServices.GetRequiredService<IIdempotencyStore>();
        // The body is read again by the endpoint: buffer it (it is capped by Api:MaxRequestBodyBytes).
        context.Request.EnableBuffering();
        var claim = await store.TryBeginAsync(organizationId, metadata.Endpoint, key, context.Request.Body, context.RequestAborted);
        context.Request.Body.Position = 0;
        metrics.KeyUsed(claim.Outcome);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Mismatch:
                await WriteProblemAsync(context, problems, StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused",
                    $"This {HeaderName} was used with a different request. Use a new key for a new request.");
                return;
            case IdempotencyOutcome.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(context, problems, StatusCodes.Status409Conflict, "idempotency_request_in_progress",
                    $"The first request with this {HeaderName} is still running. Retry in a moment to get its response.");
                return;
            case IdempotencyOutcome.Completed:
                await ReplayAsync(context, claim.Response!);
                return;
        }

        await RunAsync(context, store, metadata, claim.Claimed!);
    }

    private async Task RunAsync(HttpContext context, IIdempotencyStore store, IdempotencyKeyMetadata metadata, ClaimedIdempotencyKey claim)
    {
        var idempotency = context.RequestServices.GetRequiredService<IdempotencyContext>();
        idempotency.Begin(claim, result => metadata.ResponseTo(result, _json));
        try
        {
            await next(context);
        }
        finally
        {
            if (!idempotency.IsStored)
            {
                // An error, a throttled or cancelled request, a commit whose outcome is unknown (a stored response stays):
                // the retry must run again.
                await TryAbandonAsync(store, claim);
            }
        }
    }

    private async Task TryAbandonAsync(IIdempotencyStore store, ClaimedIdempotencyKey claim)
    {
        try
        {
            await store.AbandonAsync(claim, CancellationToken.None);
        }
#pragma warning disable CA1031 // The key then stays locked until its lock expires; the request's own outcome matters more.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            AbandonFailed(logger, exception, claim.Endpoint);
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.Status;
        response.Headers[ReplayedHeaderName] = "true";
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            response.Headers.ETag = stored.ETag;
        }

        if (stored.ContentType is not null)
        {
            response.ContentType = stored.ContentType;
        }

        await response.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static async Task WriteProblemAsync(HttpContext context, IProblemDetailsService problems, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = "Idempotency-Key", Detail = detail };
        problem.Extensions["code"] = code;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Could not free the Idempotency-Key of a failed {Endpoint} request; it stays locked until its lock expires")]
    private static partial void AbandonFailed(ILogger logger, Exception exception, string endpoint);
}
