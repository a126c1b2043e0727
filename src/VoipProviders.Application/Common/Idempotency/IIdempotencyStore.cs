using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Common.Idempotency;

/// <summary>
/// Remembers, per organization, endpoint and <c>Idempotency-Key</c>, the request a key was first used with and the
/// response it got, for a day: a retry with the same key and body gets that response again instead of a second
/// execution. Every method commits at once.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Starts the request under the key unless the key is taken; says what the caller must do otherwise.</summary>
    Task<IdempotencyClaim> TryBeginAsync(OrganizationId organizationId, string endpoint, string key, byte[] requestHash, CancellationToken cancellationToken);

    /// <summary>Stores the response of the request that holds the key.</summary>
    Task CompleteAsync(OrganizationId organizationId, string endpoint, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Frees the key after a response that must not be replayed (a server error): a retry runs again.</summary>
    Task AbandonAsync(OrganizationId organizationId, string endpoint, string key, CancellationToken cancellationToken);
}
