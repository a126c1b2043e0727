using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VoipProviders.Application.Auditing;
using VoipProviders.Application.Auditing.Queries.ListAuditEvents;
using VoipProviders.Application.Auditing.Queries.ListProviderAuditEvents;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;
using VoipProviders.Web.Auth;
using VoipProviders.Web.Http;
using VoipProviders.Web.Infrastructure;

namespace VoipProviders.Web.Auditing;

/// <summary>
/// The organization's audit trail, read-only: <c>/api/v1/audit-events</c> and one provider's records under
/// <c>/api/v1/providers/twilio/{id}/audit-events</c> (and the deprecated <c>/api/v1/providers/{id}/audit-events</c>).
/// </summary>
public sealed class AuditEventEndpoints : IEndpointGroup
{
    private const string Records =
        "One record per committed change (connect, update with old and new values, Auth Token and SIP credential rotation, delete, number import and removal, verification status and origination changes) and per security-relevant refusal (a token Twilio rejected, a stale If-Match on a credential change: outcome rejected, details.reason). Each names the actor (user with the token's subject, service with its client id, system with the job's name), the caller's address and the trace id. Tokens appear only as fingerprints (12 hex characters of an HMAC-SHA256), never a token or password. Records are append-only and kept Audit:RetentionDays (400 days by default).";

    public static string RoutePrefix => "/api/v1";

    public static string Tag => "Audit trail";


    public static string TagDescription => "Who changed what, and when: the organization's audit records, newest first. Records carry fingerprints, never secrets.";

    public static void Map(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);

        group.MapGet("/audit-events", ListAsync)
            .WithName("ListAuditEvents")
            .WithSummary("List the organization's audit records")
            .WithDescription($"Newest first (occurredAt, then id), one page at a time. providerId, action, outcome and the from..to window (inclusive) filter; skip and take page. {Records}");

        group.MapGet("/providers/twilio/{id}/audit-events", ListOfProviderAsync)
            .WithName("ListProviderAuditEvents")
            .WithSummary("List a provider's audit records")
            .WithDescription($"Newest first, with the filters of GET /api/v1/audit-events. Records outlive the provider: a deleted provider of the organization still answers its records; an id the organization has no provider and no record of answers 404. {Records}");

        group.MapGet("/providers/{id}/audit-events", ListOfProviderAsync)
            .WithName("ListProviderAuditEventsDeprecatedRoute")
            .DeprecatedInFavourOf($"{RoutePrefix}/providers/twilio/{{id}}/audit-events");
    }

    private static async Task<Ok<PagedResponse<AuditEventResponse>>> ListAsync(
        [AsParameters] ListAuditEventsParameters parameters,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new ListAuditEventsQuery(
                user.GetOrganizationId(),
                parameters.ProviderId is { } providerId ? RouteIds.Provider(providerId, "providerId") : null,
                parameters.Action,
                parameters.Outcome,
                parameters.From,
                parameters.To,
                parameters.Skip ?? 0,
                parameters.Take ?? PagingRules.DefaultTake),
            cancellationToken));

    private static async Task<Ok<PagedResponse<AuditEventResponse>>> ListOfProviderAsync(
        string id,
        [AsParameters] ListProviderAuditEventsParameters parameters,
        ClaimsPrincipal user,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var providerId = RouteIds.Provider(id);
        return TypedResults.Ok(await sender.Send(
            new ListProviderAuditEventsQuery(
                user.GetOrganizationId(),
                providerId,
                parameters.Action,
                parameters.Outcome,
                parameters.From,
                parameters.To,
                parameters.Skip ?? 0,
                parameters.Take ?? PagingRules.DefaultTake),
            cancellationToken));
    }
}
