using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Web.Auditing;

/// <summary>Query of <c>GET /api/v1/audit-events</c>.</summary>
public sealed record ListAuditEventsParameters
{
    [FromQuery(Name = "providerId")]
    [Description("Only the records of this provider (a deleted one's too).")]
    public Guid? ProviderId { get; init; }

    [FromQuery(Name = "action")]
    [Description("Only records of this action: provider.connected, provider.updated, provider.auth_token.rotated, provider.sip_credential.rotated, provider.deleted, provider.phone_numbers.imported, provider.phone_number.removed, provider.verification.status_changed or provider.origination.changed.")]
    public string? Action { get; init; }

    [FromQuery(Name = "outcome")]
    [Description("Only records with this outcome: succeeded (a committed change) or rejected (a refused credential change).")]
    public string? Outcome { get; init; }

    [FromQuery(Name = "from")]
    [Description("Only records that occurred at or after this instant (RFC 3339, e.g. 2026-11-25T00:00:00Z).")]
    public DateTimeOffset? From { get; init; }

    [FromQuery(Name = "to")]
    [Description("Only records that occurred at or before this instant (RFC 3339); not before from.")]
    public DateTimeOffset? To { get; init; }

    [FromQuery(Name = "skip")]
    [Description("How many records to skip (0 or more). Default 0.")]
    [DefaultValue(0)]
    public int? Skip { get; init; }

    [FromQuery(Name = "take")]
    [Description("How many records to return, 1 to 1000. Default 20.")]
    [DefaultValue(PagingRules.DefaultTake)]
    public int? Take { get; init; }
}
