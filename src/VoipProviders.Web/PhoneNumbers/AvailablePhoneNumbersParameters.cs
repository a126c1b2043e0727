using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using VoipProviders.Application.PhoneNumbers.Queries.ListAvailablePhoneNumbers;

namespace VoipProviders.Web.PhoneNumbers;

/// <summary>Query of <c>GET /api/v1/providers/twilio/{id}/available-numbers</c>.</summary>
public sealed record AvailablePhoneNumbersParameters
{
    [FromQuery(Name = "skip")]
    [Description("How many numbers to skip (0 or more). Default 0.")]
    [DefaultValue(0)]
    public int? Skip { get; init; }

    [FromQuery(Name = "take")]
    [Description("How many numbers to return, 1 to 1000. Default 50.")]
    [DefaultValue(ListAvailablePhoneNumbersQuery.DefaultTake)]
    public int? Take { get; init; }

    [FromQuery(Name = "phoneNumber")]
    [Description("Only numbers whose E.164 form contains this (digits, optionally after a leading '+').")]
    public string? PhoneNumber { get; init; }
}
