using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Domain.Common;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary><see cref="IIdempotencyStore"/> on <c>idempotency_records</c>, each step one statement.</summary>
internal sealed class IdempotencyStore(VoipProvidersDbContext dbContext, TimeProvider timeProvider) : IIdempotencyStore
{
    /// <summary>Longer than the slowest request can run; a key held longer belonged to a process that died.</summary>
    public static readonly TimeSpan Lock = TimeSpan.FromMinutes(5);

    public async Task<IdempotencyClaim> TryBeginAsync(OrganizationId organizationId, string endpoint, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lockedUntil = now + Lock;

        // Taken when free, or when a request that never finished held it past its lock (its process died).
        var started = await dbContext.Database.SqlQuery<string>($"""
            INSERT INTO voip_providers.idempotency_records (organization_id, endpoint, key, request_hash, locked_until, created_at)
            VALUES ({organizationId.Value}, {endpoint}, {key}, {requestHash}, {lockedUntil}, {now})
            ON CONFLICT (organization_id, endpoint, key) DO UPDATE
                SET request_hash = excluded.request_hash, locked_until = excluded.locked_until, created_at = excluded.created_at
                WHERE idempotency_records.response_status IS NULL AND idempotency_records.locked_until < {now}
            RETURNING key AS "Value"
            """).ToListAsync(cancellationToken);
        if (started.Count == 1)
        {
            return new IdempotencyClaim(IdempotencyOutcome.Started);
        }

        var existing = await dbContext.IdempotencyRecords.AsNoTracking()
            .SingleAsync(r => r.OrganizationId == organizationId && r.Endpoint == endpoint && r.Key == key, cancellationToken);
        if (!existing.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
        }

        return existing.ResponseStatus is { } status
            ? new IdempotencyClaim(
                IdempotencyOutcome.Completed,
                new StoredResponse(status, existing.ResponseContentType, existing.ResponseBody ?? string.Empty, existing.ResponseLocation, existing.ResponseETag))
            : new IdempotencyClaim(IdempotencyOutcome.InProgress);
    }

    public Task CompleteAsync(OrganizationId organizationId, string endpoint, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return dbContext.IdempotencyRecords
            .Where(r => r.OrganizationId == organizationId && r.Endpoint == endpoint && r.Key == key)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(r => r.ResponseStatus, response.Status)
                    .SetProperty(r => r.ResponseContentType, response.ContentType)
                    .SetProperty(r => r.ResponseBody, response.Body)
                    .SetProperty(r => r.ResponseLocation, response.Location)
                    .SetProperty(r => r.ResponseETag, response.ETag),
                cancellationToken);
    }

    public Task AbandonAsync(OrganizationId organizationId, string endpoint, string key, CancellationToken cancellationToken) =>
        dbContext.IdempotencyRecords
            .Where(r => r.OrganizationId == organizationId && r.Endpoint == endpoint && r.Key == key && r.ResponseStatus == null)
            .ExecuteDeleteAsync(cancellationToken);
}
