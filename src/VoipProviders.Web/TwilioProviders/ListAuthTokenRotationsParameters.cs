using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>Query of <c>GET /api/v1/providers/twilio/{id}/auth-token/rotations</c>.</summary>
public sealed record ListAuthTokenRotationsParameters
{
    [FromQuery(Name = "skip")]
    [Description("How many rotations to skip (0 or more). Default 0.")]
    [DefaultValue(0)]
    public int? Skip { get; init; }

    [FromQuery(Name = "take")]
    [Description("How many rotations to return, 1 to 1000. Default 20.")]
    [DefaultValue(PagingRules.DefaultTake)]
    public int? Take { get; init; }
}
