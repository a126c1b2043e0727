using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Web.Auditing;

/// <summary>Query of <c>GET /api/v1/providers/twilio/{id}/audit-events</c>: the filters of the organization's list but the provider.</summary>
public sealed record ListProviderAuditEventsParameters
{
    [FromQuery(Name = "action")]
    [Description("Only records of this action, e.g. provider.auth_token.rotated (see GET /api/v1/audit-events).")]
    public string? Action { get; init; }

    [FromQuery(Name = "outcome")]
    [Description("Only records with this outcome: succeeded or rejected.")]
    public string? Outcome { get; init; }

    [FromQuery(Name = "from")]
    [Description("Only records that occurred at or after this instant (RFC 3339).")]
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
