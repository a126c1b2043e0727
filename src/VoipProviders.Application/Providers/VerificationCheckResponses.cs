using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>Verification checks as callers see them, whatever the provider type.</summary>
public static class VerificationCheckResponses
{
    public static List<VerificationCheckResponse>? From(IReadOnlyList<VerificationCheck>? checks) =>
        checks?.Select(check => new VerificationCheckResponse
        {
            CheckName = check.CheckName,
            Status = check.Status,
            Message = check.Message,
            Timestamp = check.Timestamp,
            // Keys in ordinal order: the stored JSON (jsonb) does not keep the order they were written in, and a
            // verification answers the same bytes as a later read of it. Checks read back from the database come
            // sorted already; only fresh ones are copied.
            Details = InOrdinalOrder(check.Details)
                ? check.Details
                : new SortedDictionary<string, object>(check.Details.ToDictionary(), StringComparer.Ordinal),
        }).ToList();

    private static bool InOrdinalOrder(IReadOnlyDictionary<string, object> details)
    {
        string? previous = null;
        foreach (var key in details.Keys)
        {
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                return false;
            }

            previous = key;
        }

        return true;
    }
}
