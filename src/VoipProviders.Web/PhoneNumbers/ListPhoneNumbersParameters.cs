using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Web.PhoneNumbers;

/// <summary>Query of <c>GET /api/v1/phone-numbers</c>.</summary>
public sealed record ListPhoneNumbersParameters
{
    [FromQuery(Name = "providerId")]
    [Description("Only the numbers this provider imported.")]
    public Guid? ProviderId { get; init; }

    [FromQuery(Name = "phoneNumber")]
    [Description("Only numbers whose E.164 form contains this (digits, optionally after a leading '+').")]
    public string? PhoneNumber { get; init; }

    [FromQuery(Name = "skip")]
    [Description("How many numbers to skip (0 or more). Default 0.")]
    [DefaultValue(0)]
    public int? Skip { get; init; }

    [FromQuery(Name = "take")]
    [Description("How many numbers to return, 1 to 1000. Default 20.")]
    [DefaultValue(PagingRules.DefaultTake)]
    public int? Take { get; init; }
}
