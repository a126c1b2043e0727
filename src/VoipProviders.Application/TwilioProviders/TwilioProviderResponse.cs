using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>A connected Twilio provider as callers see it. It never carries the Auth Token or the SIP password.</summary>
public sealed record TwilioProviderResponse
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public ProviderType ProviderType { get; init; } = ProviderType.Twilio;

    public required string AccountSid { get; init; }

    public required VerificationStatus VerificationStatus { get; init; }

    public DateTimeOffset? LastVerifiedAt { get; init; }

    public int PhoneNumberCount { get; init; }

    public IReadOnlyList<VerificationCheckResponse>? VerificationDetails { get; init; }

    public required string TrunkSid { get; init; }

    public required string TerminationUri { get; init; }

    public required string Region { get; init; }

    public required bool SupportsCallTransfer { get; init; }
}
