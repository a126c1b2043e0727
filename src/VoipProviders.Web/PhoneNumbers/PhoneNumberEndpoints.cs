using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.PhoneNumbers.Queries.GetPhoneNumber;
using VoipProviders.Application.PhoneNumbers.Queries.ListPhoneNumbers;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;
using VoipProviders.Web.Infrastructure;

namespace VoipProviders.Web.PhoneNumbers;

/// <summary>The organization's imported numbers, of every provider, under <c>/api/v1/phone-numbers</c>.</summary>
public sealed class PhoneNumberEndpoints : IEndpointGroup
{
    public static string RoutePrefix => "/api/v1/phone-numbers";

    public static string Tag => "Phone numbers";


    public static string TagDescription => "The numbers the organization has imported onto its providers' trunks, across providers.";

    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.MapGet("/", ListAsync)
            .WithName("ListPhoneNumbers")
            .WithSummary("List the organization's imported numbers")
            .WithDescription("Ordered by number (then id). providerId and phoneNumber filter; skip and take page.");

        group.MapGet("/{id}", GetAsync)
            .WithName("GetPhoneNumber")
            .WithSummary("Get an imported number");
    }

    private static async Task<Ok<PagedResponse<PhoneNumberResponse>>> ListAsync(
        [AsParameters] ListPhoneNumbersParameters parameters,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ListPhoneNumbersQuery(
                user.GetOrganizationId(),
                parameters.ProviderId is { } providerId ? RouteIds.Provider(providerId, "providerId") : null,
                parameters.PhoneNumber,
                parameters.Skip ?? 0,
                parameters.Take ?? PagingRules.DefaultTake),
            cancellationToken));

    private static async Task<Ok<PhoneNumberResponse>> GetAsync(
        string id,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetPhoneNumberQuery(user.GetOrganizationId(), RouteIds.Parse(id)), cancellationToken));
}
