using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers;

/// <summary>How one provider type deletes its providers, in the caller's unit of work.</summary>
public interface IProviderDeletion
{
    ProviderType Type { get; }

    /// <summary>
    /// Deletes the organization's provider with everything it owns when the unit of work commits, and records whatever
    /// must be cleaned up outside the database durably in that same commit. False when the organization has no provider
    /// of this type with this id.
    /// </summary>
    /// <exception cref="Common.Exceptions.PreconditionFailedException"><paramref name="ifMatch"/> does not accept the provider's version.</exception>
    Task<bool> TryDeleteAsync(OrganizationId organizationId, ProviderId providerId, VersionPrecondition? ifMatch, CancellationToken cancellationToken);
}
