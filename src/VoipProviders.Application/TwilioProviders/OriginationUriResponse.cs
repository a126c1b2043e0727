namespace VoipProviders.Application.TwilioProviders;

/// <summary>An origination URL the module created on the provider's trunk: where Twilio sends the calls to its numbers.</summary>
public sealed record OriginationUriResponse
{
    public required string Sid { get; init; }

    public required string SipUrl { get; init; }

    public required int Priority { get; init; }

    public required int Weight { get; init; }

    public required bool Enabled { get; init; }
}
