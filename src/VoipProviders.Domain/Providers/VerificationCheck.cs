namespace VoipProviders.Domain.Providers;

/// <summary>
/// The outcome of one named health check of a provider's integration. <see cref="Details"/> holds plain facts for
/// machines and support staff (SIDs, expected and actual values, counts, lists of SIDs) — never a secret.
/// </summary>
public sealed record VerificationCheck(
    string CheckName,
    VerificationCheckStatus Status,
    string Message,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, object> Details);
