using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Web.Providers;

/// <summary>Query of <c>GET /api/v1/providers</c>.</summary>
public sealed record ListProvidersParameters
{
    [Description("How many providers to skip (0 or more). Default 0.")]
    [DefaultValue(0)]
    [FromQuery(Name = "skip")]
    public int? Skip { get; init; }

    [Description("How many providers to return, 1 to 1000. Default 20.")]
    [DefaultValue(PagingRules.DefaultTake)]
    [FromQuery(Name = "take")]
    public int? Take { get; init; }

    [Description("Only providers of this type: twilio.")]
    [FromQuery(Name = "providerType")]
    public string? ProviderType { get; init; }

    [Description("Only providers in this state: pending, verified, warning or failed.")]
    [FromQuery(Name = "verificationStatus")]
    public string? VerificationStatus { get; init; }
}
