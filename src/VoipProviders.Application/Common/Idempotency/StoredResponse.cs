namespace VoipProviders.Application.Common.Idempotency;

/// <summary>A response as it is replayed: status, body and the headers that identify what it created.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string Body, string? Location, string? ETag);
