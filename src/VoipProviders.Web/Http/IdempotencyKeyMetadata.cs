namespace VoipProviders.Web.Http;

/// <summary>Marks an endpoint that honours the <c>Idempotency-Key</c> header, under a stable name for its records.</summary>
internal sealed record IdempotencyKeyMetadata(string Endpoint);
