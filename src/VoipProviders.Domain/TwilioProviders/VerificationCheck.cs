namespace VoipProviders.Domain.TwilioProviders;

/// <summary>The outcome of one named health check of a provider's integration.</summary>
public sealed record VerificationCheck(
    string CheckName,
    VerificationCheckStatus Status,
    string Message,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, string> Details);
