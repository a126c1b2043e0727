using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoipProviders.Application.TwilioProviders.Commands.RetryAbandonedCleanup;
using VoipProviders.Web.Calling;
using VoipProviders.Web.Http;
using VoipProviders.Web.Operations;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>
/// The operator's retry of an abandoned clean-up, <c>POST /internal/v1/background-work/abandoned-cleanups/{id}/retry</c>:
/// with the internal API, service tokens with scope <c>voip-providers.operations</c>, never cached.
/// </summary>
internal static class InternalCleanupEndpoints
{
    public static IEndpointRouteBuilder MapInternalCleanupOperations(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<InternalApiOptions>>().Value.Enabled)
        {
            return app;
        }

        app.MapPost($"{InternalOperationsEndpoints.BackgroundWorkPrefix}/abandoned-cleanups/{{id}}/retry", RetryAsync)
            .RequireAuthorization(InternalOperationsEndpoints.PolicyName)
            .ExcludeFromDescription()
            .WithName("RetryAbandonedCleanup");
        return app;
    }

    private static async Task<Ok<RetriedCleanupResponse>> RetryAsync(string id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RetryAbandonedCleanupCommand(RouteIds.Parse(id, "id")), cancellationToken));
}
