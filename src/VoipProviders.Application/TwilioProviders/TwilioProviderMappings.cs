using Mapster;
using VoipProviders.Application.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// Mapster configuration for provider DTOs, used in memory and in EF Core projections. Values stored through value
/// converters (region, verification checks) are shaped by plain methods, which EF Core evaluates after reading the row.
/// </summary>
public sealed class TwilioProviderMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        config.NewConfig<TwilioProvider, TwilioProviderResponse>()
            .Map(d => d.Region, s => RegionCode(s.Region))
            .Map(d => d.VerificationDetails, s => ToResponses(s.VerificationChecks))
            // Counted from the imported numbers by whoever answers with a provider (the read model's query, or the
            // repository's FindWithPhoneNumberCountAsync in commands).
            .Map(d => d.PhoneNumberCount, _ => 0);

        config.NewConfig<TwilioProvider, ProviderVerificationResponse>()
            .Map(d => d.Status, s => s.VerificationStatus)
            .Map(d => d.Checks, s => ToResponses(s.VerificationChecks) ?? new List<VerificationCheckResponse>());
    }

    private static string RegionCode(TwilioRegion region) => region.Code;

    private static List<VerificationCheckResponse>? ToResponses(IReadOnlyList<VerificationCheck>? checks) =>
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
