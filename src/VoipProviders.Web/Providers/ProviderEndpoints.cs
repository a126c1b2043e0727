using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Commands.DeleteProvider;
using VoipProviders.Application.Providers.Commands.UpdateProviderSettings;
using VoipProviders.Application.Providers.Commands.VerifyProvider;
using VoipProviders.Application.Providers.Queries.GetProvider;
using VoipProviders.Application.Providers.Queries.GetProviderSettings;
using VoipProviders.Application.Providers.Queries.ListProviders;
using VoipProviders.Application.Providers.Settings;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;
using VoipProviders.Web.Infrastructure;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.Providers;

/// <summary>Providers of every type under <c>/api/v1/providers</c>: list, read, delete; verify under the type's own path; and the organization's provider settings.</summary>
public sealed class ProviderEndpoints : IEndpointGroup
{
    public static string RoutePrefix => "/api/v1/providers";

    public static string Tag => "Providers";


    public static string TagDescription => "Every provider of the organization, whatever its type: list, read, verify, delete, and the module's settings.";

    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.MapGet("/", ListAsync)
            .WithName("ListProviders")
            .WithSummary("List the organization's providers")
            .WithDescription("Newest first (createdAt, then id), one page at a time. providerType and verificationStatus filter; skip and take page.");

        group.MapGet("/{id}", GetAsync)
            .WithName("GetProvider")
            .WithSummary("Get a provider of any type")
            .WithDescription("providerType says which kind of provider it is; the body carries every field of that kind.");

        group.MapPost("/twilio/{id}/verify", VerifyAsync)
            .WithName("VerifyProvider")
            .WithSummary("Verify a provider now")
            .WithDescription("Runs the health checks now — Credentials, Trunk, Credential List, Phone Numbers, in that order — and stores the outcome (verificationStatus, verificationDetails, lastVerifiedAt). No body. A check fails or warns only on what Twilio answered: when Twilio is unavailable the run is inconclusive, answers 502/503 (with Retry-After) and leaves the stored status as it was. A verification already running for the provider is waited for and its result returned. Every provider is also re-verified in the background after each change and every Verification:Interval (1 h).")
            .Produces<ProviderVerificationResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapPost("/{id}/verify", VerifyAsync)
            .WithName("VerifyProviderDeprecatedRoute")
            .DeprecatedInFavourOf($"{RoutePrefix}/twilio/{{id}}/verify");

        group.MapGet("/settings", GetSettingsAsync)
            .WithName("GetProviderSettings")
            .WithSummary("Get the organization's provider defaults")
            .WithDescription("defaultAutoRepair: the autoRepair (off, safe, all) a newly connected provider starts with; off until set.");

        group.MapPut("/settings", UpdateSettingsAsync)
            .WithName("UpdateProviderSettings")
            .WithSummary("Set the organization's provider defaults")
            .WithDescription("defaultAutoRepair (off, safe, all) applies to providers connected from now on; each existing provider keeps its own autoRepair (PUT /api/v1/providers/twilio/{id} changes it).");

        group.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteProvider")
            .WithSummary("Delete a provider")
            .WithDescription("Deletes the provider and everything it owns at once (204). Its trunk and credential list in the tenant's Twilio account are deleted afterwards by a durable background job, retried with backoff, so deleting works while Twilio is down.")
            .ChangesVersionedResource();
    }

    private static async Task<Ok<PagedResponse<ProviderResponse>>> ListAsync(
        [AsParameters] ListProvidersParameters parameters,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ListProvidersQuery(
                user.GetOrganizationId(),
                parameters.Skip ?? 0,
                parameters.Take ?? PagingRules.DefaultTake,
                parameters.ProviderType,
                parameters.VerificationStatus),
            cancellationToken));

    private static async Task<Ok<ProviderResponse>> GetAsync(
        string id,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(new GetProviderQuery(user.GetOrganizationId(), providerId), cancellationToken));
    }

    private static async Task<Ok<ProviderVerificationResponse>> VerifyAsync(
        string id,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(new VerifyProviderCommand(user.GetOrganizationId(), providerId), cancellationToken));
    }

    private static async Task<Ok<ProviderSettingsResponse>> GetSettingsAsync(ClaimsPrincipal user, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetProviderSettingsQuery(user.GetOrganizationId()), cancellationToken));

    private static async Task<Ok<ProviderSettingsResponse>> UpdateSettingsAsync(
        UpdateProviderSettingsRequest request,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        request.ThrowIfOtherFields();
        return TypedResults.Ok(await sender.Send(new UpdateProviderSettingsCommand(user.GetOrganizationId(), request.DefaultAutoRepair), cancellationToken));
    }

    private static async Task<NoContent> DeleteAsync(
        string id,
        HttpRequest http,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        await sender.Send(new DeleteProviderCommand(user.GetOrganizationId(), providerId, EntityTags.IfMatch(http, providerId.Value)), cancellationToken);
        return TypedResults.NoContent();
    }
}
