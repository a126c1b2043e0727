using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace VoipProviders.Web.OpenApi;

/// <summary>
/// The problem responses endpoints share, declared once: every API endpoint documents 400/401/403/500, endpoints
/// with an <c>{id}</c> 404, and these extensions add what a kind of endpoint can answer.
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

            Add(endpoint, StatusCodes.Status500InternalServerError);
        });
        return builder;
    }

    /// <summary>The endpoint calls Twilio on the caller's behalf: credentials rejected (422), Twilio failing (502) or pausing us (503).</summary>
    public static RouteHandlerBuilder CallsTwilio(this RouteHandlerBuilder builder) =>
        builder
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
