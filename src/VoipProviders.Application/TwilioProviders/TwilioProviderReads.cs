using Mapster;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.PhoneNumbers;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>A Twilio provider as the read side answers with it, wherever it is asked for.</summary>
internal static class TwilioProviderReads
{
    /// <summary>The organization's provider with its <c>phoneNumberCount</c>, or null when the organization has no such provider.</summary>
    public static async Task<TwilioProviderResponse?> FindTwilioProviderResponseAsync(
        this IVoipProvidersDbContext dbContext,
        TypeAdapterConfig mappings,
        string organizationId,
        Guid providerId,
        CancellationToken cancellationToken)
    {
        var provider = await dbContext.TwilioProviders
            .AsNoTracking()
            .Where(p => p.Id == providerId && p.OrganizationId == organizationId)
            .ProjectToType<TwilioProviderResponse>(mappings)
            .SingleOrDefaultAsync(cancellationToken);
        return provider is null
            ? null
            : provider with { PhoneNumberCount = await dbContext.OfProviderAsync(provider.Id, cancellationToken) };
    }
}
