using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.TwilioProviders.Commands.CancelAuthTokenRotation;
using VoipProviders.Application.TwilioProviders.Commands.SetAuthTokenRotationPolicy;
using VoipProviders.Application.TwilioProviders.Commands.StartAuthTokenRotation;
using VoipProviders.Application.TwilioProviders.Queries.GetAuthTokenRotation;
using VoipProviders.Application.TwilioProviders.Queries.ListAuthTokenRotations;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;
using VoipProviders.Web.Infrastructure;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>Managed Auth Token rotations of a Twilio provider, and its rotation policy.</summary>
public sealed class AuthTokenRotationEndpoints : IEndpointGroup
{
    private const string Steps =
        "A rotation creates the account's secondary Auth Token in Twilio, validates it, waits propagationDelaySeconds, promotes it (the old token stops working at once, for every system still using it) and verifies the provider with it. Each step is durable and resumes on another replica after a crash; until the promotion the provider keeps its token. One rotation runs at a time per provider; while it runs, PATCH …/auth-token, PUT, the SIP credential rotation and DELETE of the provider answer 409 rotation_in_progress.";

    public static string RoutePrefix => "/api/v1/providers/twilio/{id}/auth-token";

    public static string Tag => "Twilio Auth Token rotations";


    public static string TagDescription => "Managed rotation of a Twilio provider's Auth Token (secondary token, validation, promotion) and its schedule.";

    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.MapPost("/rotations", StartAsync)
            .WithName("StartAuthTokenRotation")
            .WithSummary("Rotate the Auth Token through Twilio's secondary token")
            .WithDescription($"{Steps} Answers 202 with the rotation (Location: the rotation) before its first step; follow it with GET. acknowledgeOtherSystemsLoseAccess must be true.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/rotations", ListAsync)
            .WithName("ListAuthTokenRotations")
            .WithSummary("List the provider's Auth Token rotations")
            .WithDescription("Newest first, one page at a time (skip, take).");

        group.MapGet("/rotations/{rotationId}", GetAsync)
            .WithName("GetAuthTokenRotation")
            .WithSummary("Get an Auth Token rotation")
            .WithDescription($"{Steps} A failed rotation says why in failure {{code, message}}.");

        group.MapDelete("/rotations/{rotationId}", CancelAsync)
            .WithName("CancelAuthTokenRotation")
            .WithSummary("Cancel an Auth Token rotation before its promotion")
            .WithDescription("The provider keeps its token; the secondary token the rotation created is deleted from Twilio by a durable job. Cancelling a cancelled rotation answers it again; once the promotion was asked for (or the rotation completed or failed) the answer is 409.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/rotation-policy", SetPolicyAsync)
            .WithName("SetAuthTokenRotationPolicy")
            .WithSummary("Set the Auth Token rotation policy")
            .WithDescription("With enabled, a clustered scheduler starts a managed rotation every intervalDays days (the first an interval after the token last changed, at once if that has passed), jittered, one per Twilio account at a time. Answers the provider, whose authTokenRotationPolicy shows nextRotationAt. If-Match is optional.")
            .ChangesVersionedResource();
    }

    private static async Task<Accepted<AuthTokenRotationResponse>> StartAsync(
        string id,
        StartAuthTokenRotationRequest request,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        request.ThrowIfOtherFields();
        var rotation = await sender.Send(
            new StartAuthTokenRotationCommand(user.GetOrganizationId(), providerId, request.PropagationDelaySeconds, request.AcknowledgeOtherSystemsLoseAccess),
            cancellationToken);
        return TypedResults.Accepted($"{TwilioProviderEndpoints.RoutePrefix}/{providerId.Value}/auth-token/rotations/{rotation.Id}", rotation);
    }

    private static async Task<Ok<PagedResponse<AuthTokenRotationResponse>>> ListAsync(
        string id,
        [AsParameters] ListAuthTokenRotationsParameters parameters,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(
            new ListAuthTokenRotationsQuery(user.GetOrganizationId(), providerId, parameters.Skip ?? 0, parameters.Take ?? PagingRules.DefaultTake),
            cancellationToken));
    }

    private static async Task<Ok<AuthTokenRotationResponse>> GetAsync(
        string id,
        string rotationId,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(
            new GetAuthTokenRotationQuery(user.GetOrganizationId(), providerId, RouteIds.Parse(rotationId, "rotationId")),
            cancellationToken));
    }

    private static async Task<Ok<AuthTokenRotationResponse>> CancelAsync(
        string id,
        string rotationId,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(
            new CancelAuthTokenRotationCommand(user.GetOrganizationId(), providerId, RouteIds.Parse(rotationId, "rotationId")),
            cancellationToken));
    }

    private static async Task<Ok<TwilioProviderResponse>> SetPolicyAsync(
        string id,
        SetAuthTokenRotationPolicyRequest request,
        HttpRequest http,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        request.ThrowIfOtherFields();
        return TypedResults.Ok(await sender.Send(
            new SetAuthTokenRotationPolicyCommand(
                user.GetOrganizationId(),
                providerId,
                request.Enabled,
                request.IntervalDays,
                request.PropagationDelaySeconds,
                EntityTags.IfMatch(http, providerId.Value)),
            cancellationToken));
    }
}
