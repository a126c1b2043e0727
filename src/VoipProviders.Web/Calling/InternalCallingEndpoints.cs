using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Contracts.Calling;
using VoipProviders.Domain.Common;
using VoipProviders.Web.Http;

namespace VoipProviders.Web.Calling;

/// <summary>
/// The calling contract for a SIP/media service that runs out of process, under <c>/internal/v1</c>: mapped only when
/// <c>InternalApi:Enabled</c>, authorized by service tokens (<see cref="InternalApiOptions"/>), never cached.
/// </summary>
internal static class InternalCallingEndpoints
{
    public const string RoutePrefix = "/internal/v1";
    public const string Tag = "Internal: calling";

    public static IEndpointRouteBuilder MapInternalApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<InternalApiOptions>>().Value.Enabled)
        {
            return app;
        }

        // Not in the public OpenAPI document (it is served anonymously to tenants): the SIP service's contract is the
        // README's "Calls over the trunk" and the Contracts.Calling records.
        var group = app.MapGroup(RoutePrefix)
            .RequireAuthorization(InternalApiOptions.PolicyName)
            .WithTags(Tag)
            .ExcludeFromDescription();

        group.MapGet("/providers/{id}/dial-out-route", GetDialOutRouteAsync)
            .WithName("GetDialOutRoute")
            .WithSummary("How to place a call out through a provider's trunk")
            .WithDescription("For the platform's SIP/media service (a service token with scope voip-providers.sip): the termination URI, the SIP username and password (plain), the caller-ID numbers the provider imported, whether the trunk is secure, the credential version and the verification status. Another organization's provider is not found. Every read is logged without the password; the response is never cached.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/inbound-calls/resolve", ResolveInboundCallAsync)
            .WithName("ResolveInboundCall")
            .WithSummary("Whose is an inbound call")
            .WithDescription("For the platform's SIP ingress: the organization, provider and imported number a call to calledNumber (E.164) belongs to, given the routingKey its origination URL carried and/or the Twilio Account SID. Not found unless the number is imported by a provider matching every key given.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Every response under the internal API, problems and refusals included, says it must not be cached.</summary>
    public static IApplicationBuilder UseInternalApiNoStore(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(RoutePrefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    return Task.CompletedTask;
                });
                return next(context);
            }));

    private static async Task<Ok<DialOutRoute>> GetDialOutRouteAsync(
        string id,
        string? organizationId,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        if (!OrganizationId.TryParse(organizationId, out var organization))
        {
            throw RequestValidationException.For(
                "organizationId",
                organizationId is null
                    ? "organizationId is required: the organization the provider belongs to."
                    : "organizationId must be 1 to 64 characters without control characters or whitespace.");
        }

        return TypedResults.Ok(await sender.Send(new GetDialOutRouteQuery(organization.Value, providerId.Value, ServiceTokens.CallerOf(user)), cancellationToken));
    }

    private static async Task<Ok<InboundCallResolution>> ResolveInboundCallAsync(
        string? calledNumber,
        string? routingKey,
        string? accountSid,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ResolveInboundCallQuery(calledNumber, routingKey, accountSid), cancellationToken));
}
