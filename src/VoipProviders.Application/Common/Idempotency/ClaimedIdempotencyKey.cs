using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Common.Idempotency;

/// <summary>
/// A key a request holds. The token is this claim's own: once its lock expired another request may take the key over,
/// and then neither storing a response nor freeing the key with the old token touches the new claim.
/// </summary>
public sealed record ClaimedIdempotencyKey(OrganizationId OrganizationId, string Endpoint, string Key, Guid Token);
