using VoipProviders.Application.Common.Models;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// The read side of Twilio providers: what GET and list answer with, each in one SQL statement (the imported-number
/// count and, for a page, the total ride along) through queries compiled once.
/// </summary>
public interface ITwilioProviderReadModel
{
    /// <summary>The organization's provider with its <c>phoneNumberCount</c>, or null when the organization has no such provider.</summary>
    Task<TwilioProviderResponse?> FindAsync(string organizationId, Guid providerId, CancellationToken cancellationToken);

    /// <summary>The organization's providers, newest first, optionally only those with <paramref name="verificationStatus"/>.</summary>
    Task<PagedResponse<TwilioProviderResponse>> ListAsync(
        string organizationId,
        VerificationStatus? verificationStatus,
        int skip,
        int take,
        CancellationToken cancellationToken);
}
