using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundWork;
using VoipProviders.Application.Common.BackgroundWork.Queries;
using VoipProviders.Application.Common.Events;
using VoipProviders.Application.Common.Events.Operations;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Web.Calling;

namespace VoipProviders.Web.Operations;

/// <summary>
/// The operator's side of event delivery under <c>/internal/v1/integration-events</c> and of stuck background work under
/// <c>/internal/v1/background-work</c>: mapped with the internal API, authorized by service tokens with scope
/// <c>voip-providers.operations</c>, never cached.
/// </summary>
internal static class InternalOperationsEndpoints
{
    public const string RequiredScope = "voip-providers.operations";
    public const string PolicyName = "InternalOperations";

    /// <summary>Where the operator's view of stuck background work lives; features add their own actions below it.</summary>
    public const string BackgroundWorkPrefix = InternalCallingEndpoints.RoutePrefix + "/background-work";

    public static IEndpointRouteBuilder MapInternalOperations(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<IOptions<InternalApiOptions>>().Value.Enabled)
        {
            return app;
        }

        var group = app.MapGroup($"{InternalCallingEndpoints.RoutePrefix}/integration-events")
            .RequireAuthorization(PolicyName)
            .ExcludeFromDescription();
        group.MapGet("/parked", ListParkedAsync).WithName("ListParkedDeliveries");
        group.MapPost("/parked/retry", RetryParkedAsync).WithName("RetryParkedDeliveries");

        var backgroundWork = app.MapGroup(InternalCallingEndpoints.RoutePrefix)
            .RequireAuthorization(PolicyName)
            .ExcludeFromDescription();
        backgroundWork.MapGet("/background-work", GetBackgroundWorkAsync).WithName("GetBackgroundWork");
        backgroundWork.MapGet("/background-work/{category}", ListBackgroundWorkAsync).WithName("ListBackgroundWork");
        return app;
    }

    private static async Task<Ok<BackgroundWorkSummary>> GetBackgroundWorkAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetBackgroundWorkSummaryQuery(), cancellationToken));

    private static async Task<Ok<PagedResponse<BackgroundWorkItem>>> ListBackgroundWorkAsync(
        string category,
        int? skip,
        int? take,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListBackgroundWorkQuery(category, skip ?? 0, take ?? PagingRules.DefaultTake), cancellationToken));

    private static async Task<Ok<IReadOnlyList<ParkedDelivery>>> ListParkedAsync(int? take, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListParkedDeliveriesQuery(take ?? 100), cancellationToken));

    private static async Task<Ok<RetryParkedResult>> RetryParkedAsync(RetryParkedRequest? request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RetryParkedResult(await sender.Send(new RetryParkedDeliveriesCommand(request?.EventId, request?.Handler), cancellationToken)));

    internal sealed record RetryParkedRequest(Guid? EventId, string? Handler);

    internal sealed record RetryParkedResult(int Queued);
}
