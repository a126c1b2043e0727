using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Commands.RotateSipCredential;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;
using VoipProviders.Domain.Twilio;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;
using VoipProviders.Web.Infrastructure;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>The Twilio provider resource under <c>/api/v1/providers/twilio</c>.</summary>
public sealed class TwilioProviderEndpoints : IEndpointGroup
{
    public static string RoutePrefix => "/api/v1/providers/twilio";

    public static string Tag => "Twilio providers";


    public static string TagDescription => "A tenant's own Twilio account: connect it (an Elastic SIP trunk is built in it), change it, rotate its credentials, and its phone numbers.";

    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.MapPost("/", CreateAsync)
            .WithName("CreateTwilioProvider")
            .WithSummary("Connect a Twilio account")
            .WithDescription("Validates the credentials with Twilio, builds an Elastic SIP trunk with a credential list and SIP credential in the account, and stores the provider. Anything created in Twilio is deleted again if a later step fails. Send an Idempotency-Key header to make retries safe: the same key with the same body answers the first response again (Idempotent-Replayed: true) for a day; the same key with another body answers 422 idempotency_key_reused.")
            .CallsTwilio()
            .WithMetadata(IdempotencyKeyMetadata.Created<TwilioProviderResponse>("create-twilio-provider", LocationOf))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id}", GetAsync)
            .WithName("GetTwilioProvider")
            .WithSummary("Get a Twilio provider");

        group.MapPut("/{id}", UpdateAsync)
            .WithName("UpdateTwilioProvider")
            .WithSummary("Change name, region, call transfer or secure trunking")
            .WithDescription("A partial update: only the fields sent change. name and region are ours alone (no Twilio call); supportsCallTransfer and secureTrunking are first set on the trunk in Twilio (TransferMode, Secure) with the stored credentials and stored only if Twilio accepts them; the origination URLs then follow secureTrunking in the background. A value equal to the current one changes nothing. accountSid and authToken are refused: the SID cannot change and the token is rotated with PATCH …/auth-token.")
            .CallsTwilio()
            .ChangesVersionedResource();

        group.MapPatch("/{id}/auth-token", UpdateAuthTokenAsync)
            .WithName("UpdateTwilioAuthToken")
            .WithSummary("Rotate the Auth Token")
            .WithDescription("Validates the new token with Twilio for the provider's Account SID, then stores it encrypted. If Twilio does not accept it, nothing changes.")
            .CallsTwilio()
            .ChangesVersionedResource();

        group.MapPost("/{id}/sip-credential/rotate", RotateSipCredentialAsync)
            .WithName("RotateSipCredential")
            .WithSummary("Rotate the trunk's SIP credential without dropping a call")
            .WithDescription("Creates a new SIP credential (new username, 32-character password) in the provider's credential list and makes it current at once: the dial-out route answers it from now on and sipCredentialVersion and the ETag change. The old credential keeps authenticating for Sip:CredentialRotationGracePeriod (15 minutes by default), so calls being set up with it still go through, and is then deleted by a durable job. If Twilio refuses or fails the create, nothing changes. No body; If-Match is optional.")
            .CallsTwilio()
            .ChangesVersionedResource();
    }

    private static async Task<Created<TwilioProviderResponse>> CreateAsync(
        CreateTwilioProviderRequest request,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var organizationId = user.GetOrganizationId();
        var provider = await sender.Send(
            new CreateTwilioProviderCommand(
                organizationId,
                request.ParseAccountSid(),
                request.AuthToken ?? TwilioAuthToken.From(null),
                request.Name,
                request.Region,
                request.SupportsCallTransfer,
                request.SecureTrunking),
            cancellationToken);
        return TypedResults.Created(LocationOf(provider), provider);
    }

    private static string LocationOf(TwilioProviderResponse provider) => $"{RoutePrefix}/{provider.Id}";

    private static async Task<Ok<TwilioProviderResponse>> GetAsync(
        string id,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(new GetTwilioProviderQuery(user.GetOrganizationId(), providerId), cancellationToken));
    }

    private static async Task<Ok<TwilioProviderResponse>> UpdateAsync(
        string id,
        UpdateTwilioProviderRequest request,
        HttpRequest http,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        request.ThrowIfOtherFields();
        return TypedResults.Ok(await sender.Send(
            new UpdateTwilioProviderCommand(
                user.GetOrganizationId(),
                providerId,
                request.Name,
                request.Region,
                request.SupportsCallTransfer,
                EntityTags.IfMatch(http, providerId.Value),
                request.SecureTrunking,
                request.AutoRepair),
            cancellationToken));
    }

    private static async Task<Ok<TwilioProviderResponse>> RotateSipCredentialAsync(
        string id,
        HttpRequest http,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(
            new RotateSipCredentialCommand(user.GetOrganizationId(), providerId, EntityTags.IfMatch(http, providerId.Value)),
            cancellationToken));
    }

    private static async Task<Ok<TwilioProviderResponse>> UpdateAuthTokenAsync(
        string id,
        UpdateTwilioAuthTokenRequest request,
        HttpRequest http,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(
            new UpdateTwilioAuthTokenCommand(
                user.GetOrganizationId(),
                providerId,
                request.AuthToken ?? TwilioAuthToken.From(null),
                EntityTags.IfMatch(http, providerId.Value)),
            cancellationToken));
    }
}
