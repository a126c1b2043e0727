using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Domain.Common;
using VoipProviders.Web.Auth;

namespace VoipProviders.Web.Http;

/// <summary>
/// <c>Idempotency-Key</c> on the endpoints that accept it: the first request with a key runs and its response is kept
/// for a day; a retry with the same key and the same body gets that response again (with <c>Idempotent-Replayed:
/// true</c>) instead of running twice; the same key with another body is a 422; a retry while the first still runs is
/// a 409. Only responses the endpoint itself completed (its successes) are kept; after an error — Twilio down, bad
/// input, a server error — the key is freed and a retry runs again. Keys are per organization and endpoint.
/// </summary>
internal sealed partial class IdempotencyKeyMiddleware(RequestDelegate next, ILogger<IdempotencyKeyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

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
        var requestHash = await HashBodyAsync(context.Request, context.RequestAborted);
        var claim = await store.TryBeginAsync(organizationId, metadata.Endpoint, key, requestHash, context.RequestAborted);
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

        await RunAndKeepAsync(context, store, organizationId, metadata.Endpoint, key);
    }

    private async Task RunAndKeepAsync(HttpContext context, IIdempotencyStore store, OrganizationId organizationId, string endpoint, string key)
    {
        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        var kept = false;
        try
        {
            await next(context);
            captured.Position = 0;
            var body = await new StreamReader(captured).ReadToEndAsync(CancellationToken.None);
            var response = context.Response;
            if (response.StatusCode < 500 && response.StatusCode != StatusCodes.Status429TooManyRequests)
            {
                await store.CompleteAsync(
                    organizationId,
                    endpoint,
                    key,
                    new StoredResponse(response.StatusCode, response.ContentType, body, response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                        response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null),
                    CancellationToken.None);
                kept = true;
            }

            captured.Position = 0;
            await captured.CopyToAsync(original, CancellationToken.None);
        }
        finally
        {
            context.Response.Body = original;
            if (!kept)
            {
                // A server error, a throttled or cancelled request: the retry must run again.
                await TryAbandonAsync(store, organizationId, endpoint, key);
            }
        }
    }

    private async Task TryAbandonAsync(IIdempotencyStore store, OrganizationId organizationId, string endpoint, string key)
    {
        try
        {
            await store.AbandonAsync(organizationId, endpoint, key, CancellationToken.None);
        }
#pragma warning disable CA1031 // The key then stays locked until its lock expires; the request's own outcome matters more.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            AbandonFailed(logger, exception, endpoint);
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

    private static async Task<byte[]> HashBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // The body is read again by the endpoint: buffer it (it is capped by Api:MaxRequestBodyBytes).
        request.EnableBuffering();
        var hash = await SHA256.HashDataAsync(request.Body, cancellationToken);
        request.Body.Position = 0;
        return hash;
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
