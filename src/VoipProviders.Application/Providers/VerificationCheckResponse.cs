using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

public sealed record VerificationCheckResponse
{
    public required string CheckName { get; init; }

    public required VerificationCheckStatus Status { get; init; }

    public required string Message { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public IReadOnlyDictionary<string, object>? Details { get; init; }
}
