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
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;
using VoipProviders.Web.Infrastructure;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.PhoneNumbers;

/// <summary>
/// A Twilio provider's numbers, under its resource (<c>/api/v1/providers/twilio/{id}/…</c>): the account's numbers to
/// choose from, importing them onto the trunk, the imported ones, removing one.
/// </summary>
public sealed class ProviderPhoneNumberEndpoints : IEndpointGroup
{
    public static string RoutePrefix => "/api/v1/providers/twilio";

    public static string Tag => "Twilio providers";


    // Listed under the Twilio providers' tag, which their group describes.
    public static string? TagDescription => null;

    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

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

    private static async Task<Ok<PagedResponse<AvailablePhoneNumberResponse>>> ListAvailableNumbersAsync(
        string id,
        [AsParameters] AvailablePhoneNumbersParameters parameters,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(
            new ListAvailablePhoneNumbersQuery(
                user.GetOrganizationId(),
                providerId,
                parameters.Skip ?? 0,
                parameters.Take ?? ListAvailablePhoneNumbersQuery.DefaultTake,
                parameters.PhoneNumber),
            cancellationToken));
    }

    private static async Task<Ok<ImportPhoneNumbersResponse>> ImportNumbersAsync(
        string id,
        ImportPhoneNumbersRequest request,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(
            new ImportPhoneNumbersCommand(user.GetOrganizationId(), providerId, request.PhoneNumberSids ?? []),
            cancellationToken));
    }

    private static async Task<Ok<PagedResponse<PhoneNumberResponse>>> ListPhoneNumbersAsync(
        string id,
        int? skip,
        int? take,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(
            new ListProviderPhoneNumbersQuery(user.GetOrganizationId(), providerId, skip ?? 0, take ?? PagingRules.DefaultTake),
            cancellationToken));
    }

    private static async Task<NoContent> RemovePhoneNumberAsync(
        string id,
        string phoneNumberId,
        bool? force,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        var numberId = RouteIds.Parse(phoneNumberId, "phoneNumberId");
        await sender.Send(new RemovePhoneNumberCommand(user.GetOrganizationId(), providerId, numberId, force ?? false), cancellationToken);
        return TypedResults.NoContent();
    }
}
