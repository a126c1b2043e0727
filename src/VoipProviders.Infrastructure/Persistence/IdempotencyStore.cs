using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Domain.Common;
using VoipProviders.Infrastructure.Auditing;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// <see cref="IIdempotencyStore"/> on <c>idempotency_records</c>, each step one statement that is safe to run again
/// (the execution strategy does after a lost answer). The response is stored by <see cref="IdempotencyResponseWriter"/>
/// with the unit of work's commit.
/// </summary>
internal sealed class IdempotencyStore(VoipProvidersDbContext dbContext, ModuleKeys moduleKeys, TimeProvider timeProvider) : IIdempotencyStore
{
    /// <summary>The module key the request bodies are hashed with (<see cref="ModuleKeys"/>).</summary>
    public const string RequestHashKeyName = "idempotency-request-hash";

    /// <summary>Longer than the slowest request can run; a key held longer belonged to a process that died.</summary>
    public static readonly TimeSpan Lock = TimeSpan.FromMinutes(5);

    /// <summary>How long a key is honoured; an older record is as good as gone, whether or not the clean-up removed it yet.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    // A record can go (freed, expired) between the claim and the look at it: then the key is claimed again.
    private const int MaxClaimAttempts = 3;

    public async Task<IdempotencyClaim> TryBeginAsync(OrganizationId organizationId, string endpoint, string key, Stream requestBody, CancellationToken cancellationToken)
    {
        // Keyed: the body holds an Auth Token, which a bare hash would let anyone who reads the table test guesses against.
        var requestHash = await HMACSHA256.HashDataAsync(await moduleKeys.GetAsync(RequestHashKeyName, cancellationToken), requestBody, cancellationToken);
        var token = Guid.NewGuid();
        for (var attempt = 1; ; attempt++)
        {
            var now = timeProvider.GetUtcNow();
            var expiredBefore = now - Lifetime;

            // Taken when free, expired, or held past its lock by a request that never finished (its process died). When
            // the claim's own answer was lost and the execution strategy runs it again, the row already holds this
            // token: the claim is this request's.
            var claimed = await dbContext.Database.SqlQuery<Guid>($"""
                INSERT INTO voip_providers.idempotency_records (organization_id, endpoint, key, request_hash, claim_token, locked_until, created_at)
                VALUES ({organizationId.Value}, {endpoint}, {key}, {requestHash}, {token}, {now + Lock}, {now})
                ON CONFLICT (organization_id, endpoint, key) DO UPDATE
                    SET request_hash = excluded.request_hash, claim_token = excluded.claim_token, locked_until = excluded.locked_until,
                        created_at = excluded.created_at, response_status = NULL, response_content_type = NULL, response_body = NULL,
                        response_location = NULL, response_e_tag = NULL
                    WHERE idempotency_records.claim_token = excluded.claim_token
                        OR idempotency_records.created_at < {expiredBefore}
                        OR (idempotency_records.response_status IS NULL AND idempotency_records.locked_until < {now})
                RETURNING claim_token AS "Value"
                """).ToListAsync(cancellationToken);
            if (claimed.Count == 1)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Started, new ClaimedIdempotencyKey(organizationId, endpoint, key, token));
            }

            var existing = await dbContext.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(
                    r => r.OrganizationId == organizationId && r.Endpoint == endpoint && r.Key == key && r.CreatedAt >= expiredBefore,
                    cancellationToken);
            if (existing is null)
            {
                if (attempt < MaxClaimAttempts)
                {
                    continue;
                }

                // The key keeps changing hands under this request: as if the other request still ran.
                return new IdempotencyClaim(IdempotencyOutcome.InProgress);
            }

            if (!CryptographicOperations.FixedTimeEquals(existing.RequestHash, requestHash))
            {
                return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
            }

            return existing.ResponseStatus is { } status
                ? new IdempotencyClaim(
                    IdempotencyOutcome.Completed,
                    Response: new StoredResponse(status, existing.ResponseContentType, existing.ResponseBody ?? string.Empty, existing.ResponseLocation, existing.ResponseETag))
                : new IdempotencyClaim(IdempotencyOutcome.InProgress);
        }
    }

    public Task AbandonAsync(ClaimedIdempotencyKey claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return dbContext.IdempotencyRecords
            .Where(r => r.OrganizationId == claim.OrganizationId && r.Endpoint == claim.Endpoint && r.Key == claim.Key
                && r.ClaimToken == claim.Token && r.ResponseStatus == null)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
