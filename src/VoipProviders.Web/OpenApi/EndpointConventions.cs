using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Web.RateLimiting;

namespace VoipProviders.Web.OpenApi;

/// <summary>
/// The problem responses endpoints share, declared once: every API endpoint documents 400/401/403/500 and 503
/// (<c>database_unavailable</c>), endpoints with an <c>{id}</c> 404, endpoints that read a body 413, changes 429 (the
/// per-organization rate limit; reads that call Twilio add it in <see cref="CallsTwilio"/>), and these extensions add
/// what a kind of endpoint can answer.
/// </summary>
internal static class EndpointConventions
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>Applied to the whole API by the endpoint-group mapping.</summary>
    public static TBuilder WithCommonProblemResponses<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            Add(endpoint, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
            Add(endpoint, StatusCodes.Status401Unauthorized);
            Add(endpoint, StatusCodes.Status403Forbidden);
            if (endpoint is RouteEndpointBuilder { RoutePattern: var pattern } && pattern.GetParameter("id") is not null)
            {
                Add(endpoint, StatusCodes.Status404NotFound);
            }

            if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
            {
                Add(endpoint, StatusCodes.Status413PayloadTooLarge);
            }

            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).Any(OrganizationRateLimiting.IsChange))
            {
                Add(endpoint, StatusCodes.Status429TooManyRequests);
            }

            Add(endpoint, StatusCodes.Status500InternalServerError);
            Add(endpoint, StatusCodes.Status503ServiceUnavailable);
        });
        return builder;
    }

    /// <summary>
    /// The endpoint calls Twilio on the caller's behalf: credentials rejected (422), Twilio failing (502) or pausing us
    /// (503); as a read it counts against the organization's limit of Twilio-backed reads (429).
    /// </summary>
    public static RouteHandlerBuilder CallsTwilio(this RouteHandlerBuilder builder) =>
        builder
            .WithMetadata(CallsTwilioMetadata.Instance)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>The endpoint changes a versioned resource: If-Match is honoured (412), and a concurrent change loses (409).</summary>
    public static RouteHandlerBuilder ChangesVersionedResource(this RouteHandlerBuilder builder) =>
        builder
            .WithMetadata(new IfMatchMetadata())
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static void Add(EndpointBuilder endpoint, int status, Type? type = null)
    {
        if (endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status))
        {
            return;
        }

        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type ?? typeof(ProblemDetails), [ProblemJson]));
    }
}
