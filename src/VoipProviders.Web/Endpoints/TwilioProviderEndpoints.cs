using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;
using VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;
using VoipProviders.Web.Auth;

namespace VoipProviders.Web.Endpoints;

/// <summary>The Twilio provider resource under <c>/api/v1/providers/twilio</c>.</summary>
public static class TwilioProviderEndpoints
{
    public const string RoutePrefix = "/api/v1/providers/twilio";

    public static IEndpointRouteBuilder MapTwilioProviderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(RoutePrefix)
            .WithTags("Twilio providers")
            .RequireAuthorization(OrganizationClaims.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync)
            .WithName("CreateTwilioProvider")
            .WithSummary("Connect a Twilio account")
            .WithDescription("Validates the credentials with Twilio, builds an Elastic SIP trunk with a credential list and SIP credential in the account, and stores the provider. Anything created in Twilio is deleted again if a later step fails.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/{id}", GetAsync)
            .WithName("GetTwilioProvider")
            .WithSummary("Get a Twilio provider")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{id}/auth-token", UpdateAuthTokenAsync)
            .WithName("UpdateTwilioAuthToken")
            .WithSummary("Rotate the Auth Token")
            .WithDescription("Validates the new token with Twilio for the provider's Account SID, then stores it encrypted. If Twilio does not accept it, nothing changes.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static async Task<Created<TwilioProviderResponse>> CreateAsync(
        CreateTwilioProviderRequest request,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var provider = await sender.Send(
            new CreateTwilioProviderCommand(
                user.GetOrganizationId(),
                request.AccountSid ?? string.Empty,
                request.AuthToken ?? string.Empty,
                request.Name,
                request.Region,
                request.SupportsCallTransfer),
            cancellationToken);
        return TypedResults.Created($"{RoutePrefix}/{provider.Id}", provider);
    }

    private static async Task<Ok<TwilioProviderResponse>> GetAsync(
        string id,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetTwilioProviderQuery(user.GetOrganizationId(), ParseId(id)), cancellationToken));

    private static async Task<Ok<TwilioProviderResponse>> UpdateAuthTokenAsync(
        string id,
        UpdateTwilioAuthTokenRequest request,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new UpdateTwilioAuthTokenCommand(user.GetOrganizationId(), ParseId(id), request.AuthToken ?? string.Empty),
            cancellationToken));

    private static Guid ParseId(string id) =>
        Guid.TryParse(id, out var parsed)
            ? parsed
            : throw new RequestValidationException(new Dictionary<string, string[]> { ["id"] = ["id must be a UUID."] });
}
