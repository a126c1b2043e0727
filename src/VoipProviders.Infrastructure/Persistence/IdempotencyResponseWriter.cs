using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.Common.Idempotency;

namespace VoipProviders.Infrastructure.Persistence;

/// <summary>
/// Puts the response of the request's <c>Idempotency-Key</c> (<see cref="IdempotencyContext"/>) into the unit of work's
/// commit: an UPDATE of its record, in the transaction of the command's changes, matching only while the claim is still
/// this request's (its token). A claim another request took over after this one's lock expired matches no row: the
/// commit fails as a lost race (409 <c>concurrent_update</c>), so the key's new holder alone answers for it.
/// </summary>
internal sealed class IdempotencyResponseWriter(IdempotencyContext idempotency, VoipProvidersDbContext dbContext)
{
    /// <summary>
    /// Tracks the response for the next save, if there is one to store. Dispose the result once the save is over: it
    /// stops tracking the response, and reports it stored if told <see cref="StagedResponse.Saved"/> first.
    /// </summary>
    public StagedResponse Stage()
    {
        if (idempotency is not { Claim: { } claim, Response: { } response, IsStored: false })
        {
            return StagedResponse.None;
        }

        var record = new IdempotencyRecord
        {
            OrganizationId = claim.OrganizationId,
            Endpoint = claim.Endpoint,
            Key = claim.Key,
            ClaimToken = claim.Token,
        };
        var entry = dbContext.Attach(record);
        entry.Property(r => r.ResponseStatus).CurrentValue = response.Status;
        entry.Property(r => r.ResponseContentType).CurrentValue = response.ContentType;
        entry.Property(r => r.ResponseBody).CurrentValue = response.Body;
        entry.Property(r => r.ResponseLocation).CurrentValue = response.Location;
        entry.Property(r => r.ResponseETag).CurrentValue = response.ETag;
        return new StagedResponse(this, record);
    }

    private void Unstage(IdempotencyRecord record, bool saved)
    {
        dbContext.Entry(record).State = EntityState.Detached;
        if (saved)
        {
            idempotency.MarkStored();
        }
    }

    /// <summary>A response tracked for the next save, or <see cref="None"/>.</summary>
    internal sealed class StagedResponse : IDisposable
    {
        public static readonly StagedResponse None = new(null, null);

        private readonly IdempotencyResponseWriter? _writer;
        private readonly IdempotencyRecord? _record;
        private bool _saved;

        public StagedResponse(IdempotencyResponseWriter? writer, IdempotencyRecord? record)
        {
            _writer = writer;
            _record = record;
        }

        /// <summary>The save committed: the response is stored.</summary>
        public void Saved() => _saved = _record is not null;

        public void Dispose()
        {
            if (_record is not null)
            {
                _writer!.Unstage(_record, _saved);
            }
        }
    }
}
