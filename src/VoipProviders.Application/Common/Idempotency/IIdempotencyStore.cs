using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Common.Idempotency;

/// <summary>
/// Remembers, per organization, endpoint and <c>Idempotency-Key</c>, the request a key was first used with and the
/// response it got, for a day: a retry with the same key and body gets that response again instead of a second
/// execution. Each method is one statement that commits at once and may safely be tried again after a lost answer. The
/// response itself is stored by the unit of work, in the transaction of the changes it answers for
/// (<see cref="IdempotencyContext"/>).
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for this request unless another holds it; says what the caller must do otherwise. Reads
    /// <paramref name="requestBody"/> to its end (the caller rewinds it): a keyed hash of it tells a retry from another request.
    /// </summary>
    Task<IdempotencyClaim> TryBeginAsync(OrganizationId organizationId, string endpoint, string key, Stream requestBody, CancellationToken cancellationToken);

    /// <summary>
    /// Frees the key after a request whose response must not be replayed (an error): a retry runs again. Only while the
    /// claim is still <paramref name="claim"/>'s and no response is stored: a request that took the key over is left alone.
    /// </summary>
    Task AbandonAsync(ClaimedIdempotencyKey claim, CancellationToken cancellationToken);
}
