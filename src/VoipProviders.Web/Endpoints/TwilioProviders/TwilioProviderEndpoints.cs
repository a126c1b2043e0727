using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.PhoneNumbers.Commands.ImportPhoneNumbers;
using VoipProviders.Application.PhoneNumbers.Commands.RemovePhoneNumber;
using VoipProviders.Application.PhoneNumbers.Queries.ListAvailablePhoneNumbers;
using VoipProviders.Application.PhoneNumbers.Queries.ListProviderPhoneNumbers;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;
using VoipProviders.Web.Infrastructure;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.Endpoints.TwilioProviders;

/// <summary>The Twilio provider resource under <c>/api/v1/providers/twilio</c>.</summary>
public sealed class TwilioProviderEndpoints : IEndpointGroup
{
    public static string RoutePrefix => "/api/v1/providers/twilio";

    public static string Tag => "Twilio providers";

    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.MapPost("/", CreateAsync)
            .WithName("CreateTwilioProvider")
            .WithSummary("Connect a Twilio account")
            .WithDescription("Validates the credentials with Twilio, builds an Elastic SIP trunk with a credential list and SIP credential in the account, and stores the provider. Anything created in Twilio is deleted again if a later step fails. Send an Idempotency-Key header to make retries safe: the same key with the same body answers the first response again (Idempotent-Replayed: true) for a day; the same key with another body answers 422 idempotency_key_reused.")
            .CallsTwilio()
            .WithMetadata(new IdempotencyKeyMetadata("create-twilio-provider"))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id}", GetAsync)
            .WithName("GetTwilioProvider")
            .WithSummary("Get a Twilio provider");

        group.MapPut("/{id}", UpdateAsync)
            .WithName("UpdateTwilioProvider")
            .WithSummary("Change name, region or call transfer")
            .WithDescription("A partial update: only the fields sent change. name and region are ours alone (no Twilio call); supportsCallTransfer is first set on the trunk in Twilio (TransferMode) with the stored credentials and stored only if Twilio accepts it. A value equal to the current one changes nothing. accountSid and authToken are refused: the SID cannot change and the token is rotated with PATCH …/auth-token.")
            .CallsTwilio()
            .ChangesVersionedResource();

        group.MapPatch("/{id}/auth-token", UpdateAuthTokenAsync)
            .WithName("UpdateTwilioAuthToken")
            .WithSummary("Rotate the Auth Token")
            .WithDescription("Validates the new token with Twilio for the provider's Account SID, then stores it encrypted. If Twilio does not accept it, nothing changes.")
            .CallsTwilio()
            .ChangesVersionedResource();

        group.MapGet("/{id}/available-numbers", ListAvailableNumbersAsync)
            .WithName("ListAvailablePhoneNumbers")
            .WithSummary("List the numbers in the provider's Twilio account")
            .WithDescription("Every number of the tenant's Twilio account (all pages read from Twilio), ordered by number; imported says whether this provider imported it already. phoneNumber filters; skip and take page.")
            .CallsTwilio();

        group.MapPost("/{id}/import-numbers", ImportNumbersAsync)
            .WithName("ImportPhoneNumbers")
            .WithSummary("Import numbers onto the provider's trunk")
            .WithDescription("Per SID, carrying on past failures: it must be in the account and not imported by any provider, nor attached to another trunk; it is then attached to the provider's trunk and recorded. Answers what was imported (with the new ids) and why each other SID was not. Credentials rejected or Twilio unavailable for the account as a whole fail the whole request, with nothing recorded.")
            .CallsTwilio()
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id}/phone-numbers", ListPhoneNumbersAsync)
            .WithName("ListProviderPhoneNumbers")
            .WithSummary("List the numbers the provider imported");

        group.MapDelete("/{id}/phone-numbers/{phoneNumberId}", RemovePhoneNumberAsync)
            .WithName("RemovePhoneNumber")
            .WithSummary("Remove an imported number")
            .WithDescription("Detaches the number from the trunk in Twilio and deletes its record; it stays in the Twilio account and can be imported again. When other modules use it: 409 phone_number_in_use with the affected agents, unless force=true, which makes them let go first.")
            .CallsTwilio()
            .ProducesProblem(StatusCodes.Status409Conflict);
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
                request.AuthToken ?? TwilioAuthToken.From(null),
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
        TypedResults.Ok(await sender.Send(new GetTwilioProviderQuery(user.GetOrganizationId(), RouteIds.Parse(id)), cancellationToken));

    private static async Task<Ok<TwilioProviderResponse>> UpdateAsync(
        string id,
        UpdateTwilioProviderRequest request,
        HttpRequest http,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Parse(id);
        request.ThrowIfOtherFields();
        return TypedResults.Ok(await sender.Send(
            new UpdateTwilioProviderCommand(
                user.GetOrganizationId(),
                providerId,
                request.Name,
                request.Region,
                request.SupportsCallTransfer,
                EntityTags.IfMatch(http, providerId)),
            cancellationToken));
    }

    private static async Task<Ok<PagedResponse<AvailablePhoneNumberResponse>>> ListAvailableNumbersAsync(
        string id,
        [AsParameters] AvailablePhoneNumbersParameters parameters,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ListAvailablePhoneNumbersQuery(
                user.GetOrganizationId(),
                RouteIds.Parse(id),
                parameters.Skip ?? 0,
                parameters.Take ?? ListAvailablePhoneNumbersQuery.DefaultTake,
                parameters.PhoneNumber),
            cancellationToken));

    private static async Task<Ok<ImportPhoneNumbersResponse>> ImportNumbersAsync(
        string id,
        ImportPhoneNumbersRequest request,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ImportPhoneNumbersCommand(user.GetOrganizationId(), RouteIds.Parse(id), request.PhoneNumberSids ?? []),
            cancellationToken));

    private static async Task<Ok<PagedResponse<PhoneNumberResponse>>> ListPhoneNumbersAsync(
        string id,
        int? skip,
        int? take,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ListProviderPhoneNumbersQuery(user.GetOrganizationId(), RouteIds.Parse(id), skip ?? 0, take ?? PagingRules.DefaultTake),
            cancellationToken));

    private static async Task<NoContent> RemovePhoneNumberAsync(
        string id,
        string phoneNumberId,
        bool? force,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        await sender.Send(
            new RemovePhoneNumberCommand(
                user.GetOrganizationId(), RouteIds.Parse(id), RouteIds.Parse(phoneNumberId, "phoneNumberId"), force ?? false),
            cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TwilioProviderResponse>> UpdateAuthTokenAsync(
        string id,
        UpdateTwilioAuthTokenRequest request,
        HttpRequest http,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Parse(id);
        return TypedResults.Ok(await sender.Send(
            new UpdateTwilioAuthTokenCommand(
                user.GetOrganizationId(),
                providerId,
                request.AuthToken ?? TwilioAuthToken.From(null),
                EntityTags.IfMatch(http, providerId)),
            cancellationToken));
    }
}
