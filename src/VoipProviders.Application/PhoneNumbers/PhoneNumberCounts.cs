using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Interfaces;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>How many numbers providers have imported: the <c>phoneNumberCount</c> every provider response shows.</summary>
internal static class PhoneNumberCounts
{
    public static Task<int> OfProviderAsync(this IVoipProvidersDbContext dbContext, Guid providerId, CancellationToken cancellationToken) =>
        dbContext.ImportedPhoneNumbers.CountAsync(n => n.ProviderId == providerId, cancellationToken);

    public static async Task<IReadOnlyDictionary<Guid, int>> OfProvidersAsync(
        this IVoipProvidersDbContext dbContext,
        IReadOnlyCollection<Guid> providerIds,
        CancellationToken cancellationToken) =>
        providerIds.Count == 0
            ? new Dictionary<Guid, int>()
            : await dbContext.ImportedPhoneNumbers
                .Where(n => providerIds.Contains(n.ProviderId))
                .GroupBy(n => n.ProviderId)
                .Select(g => new { ProviderId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.ProviderId, g => g.Count, cancellationToken);
}
