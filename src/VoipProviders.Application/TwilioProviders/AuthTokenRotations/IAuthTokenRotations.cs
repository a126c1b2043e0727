using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>The rotations' store. Reads for callers are scoped to the organization and the provider.</summary>
public interface IAuthTokenRotations
{
    /// <summary>Stores a new rotation with the current unit of work.</summary>
    void Add(AuthTokenRotation rotation);

    /// <summary>The rotation, tracked for a change, when it belongs to this organization's provider.</summary>
    Task<AuthTokenRotation?> FindAsync(OrganizationId organizationId, ProviderId providerId, Guid rotationId, CancellationToken cancellationToken);

    /// <summary>The rotation, tracked, for the background steps (no organization: the job carries only its id).</summary>
    Task<AuthTokenRotation?> FindForWorkAsync(Guid rotationId, CancellationToken cancellationToken);

    /// <summary>The provider's stopped rotations whose secondary may still be in Twilio (tracked).</summary>
    Task<IReadOnlyList<AuthTokenRotation>> FindCleanupsPendingAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>The provider's rotations, newest first, and how many there are.</summary>
    Task<(IReadOnlyList<AuthTokenRotation> Items, int TotalCount)> PageAsync(
        OrganizationId organizationId,
        ProviderId providerId,
        int skip,
        int take,
        CancellationToken cancellationToken);

    /// <summary>
    /// Providers whose policy's rotation is due at <paramref name="now"/> and that have none running, oldest due first;
    /// an account with a rotation running (under any provider) is skipped, and each account appears once.
    /// </summary>
    Task<IReadOnlyList<ProviderId>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
