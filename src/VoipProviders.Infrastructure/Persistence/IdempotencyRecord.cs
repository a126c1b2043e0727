using VoipProviders.Domain.Common;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>One use of an Idempotency-Key (see IIdempotencyStore): the request's hash, then its response.</summary>
internal sealed class IdempotencyRecord
{
    public OrganizationId OrganizationId { get; set; }

    public string Endpoint { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    /// <summary>A keyed hash (HMAC-SHA256) of the request's body.</summary>
    public byte[] RequestHash { get; set; } = [];

    /// <summary>The claim's own token: who holds the key now (a request that took it over gets a new one).</summary>
    public Guid ClaimToken { get; set; }

    /// <summary>Until when a request still running holds the key; a request whose process died frees it then.</summary>
    public DateTimeOffset LockedUntil { get; set; }

    public int? ResponseStatus { get; set; }

    public string? ResponseContentType { get; set; }

    public string? ResponseBody { get; set; }

    public string? ResponseLocation { get; set; }

    public string? ResponseETag { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
