using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// The read side of Twilio providers: what GET and list answer with, each in one SQL statement (the imported-number
/// count and, for a page, the total ride along) through queries compiled once.
/// </summary>
public interface ITwilioProviderReadModel
{
    /// <summary>The organization's provider with its <c>phoneNumberCount</c>, or null when the organization has no such provider.</summary>
    Task<TwilioProviderResponse?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>The organization's providers, newest first, optionally only those with <paramref name="verificationStatus"/>.</summary>
    Task<PagedResponse<TwilioProviderResponse>> ListAsync(
        OrganizationId organizationId,
        VerificationStatus? verificationStatus,
        int skip,
        int take,
        CancellationToken cancellationToken);
}
