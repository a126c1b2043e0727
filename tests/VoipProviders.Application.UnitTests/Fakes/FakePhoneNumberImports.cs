using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// Imports and their claims in memory, as if every own-transaction step committed at once. The committed imports of
/// numbers are <paramref name="phoneNumbers"/>' seeded ones.
/// </summary>
public sealed class FakePhoneNumberImports(FakeImportedPhoneNumberRepository phoneNumbers, TimeProvider timeProvider) : IPhoneNumberImports
{
    public Dictionary<Guid, PhoneNumberImport> Stored { get; } = [];

    /// <summary>Every claim held now: number → claim.</summary>
    public Dictionary<string, PhoneNumberImportClaim> Claims { get; } = new(StringComparer.Ordinal);

    /// <summary>When each recorded import's reconciliation was queued to run.</summary>
    public Dictionary<Guid, DateTimeOffset> ReconcileAt { get; } = [];

    public List<Guid> Completed { get; } = [];

    public List<Guid> Forgotten { get; } = [];

    public List<Guid> Removed { get; } = [];

    public List<PhoneNumberImportClaim> Released { get; } = [];

    /// <summary>Runs when an import claims, before its claims are stored (e.g. a concurrent import claiming or committing meanwhile).</summary>
    public Action? BeforeClaim { get; set; }

    /// <summary>An import of another request in flight, holding claims on the numbers.</summary>
    public PhoneNumberImport SeedInFlight(PhoneNumberImport import, params (string Sid, bool Attach)[] claims)
    {
        Stored.Add(import.Id, import);
        foreach (var (sid, attach) in claims)
        {
            Claims.Add(sid, import.Claim(sid, attach));
        }

        return import;
    }

    public IReadOnlyList<PhoneNumberImportClaim> ClaimsOf(Guid importId) => [.. Claims.Values.Where(c => c.ImportId == importId)];

    public async Task<IReadOnlyDictionary<string, PhoneNumberHolder>> FindHoldersAsync(IReadOnlyCollection<string> phoneNumberSids, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<string, PhoneNumberHolder>(StringComparer.Ordinal);
        foreach (var number in await phoneNumbers.FindBySidsAsync(phoneNumberSids, cancellationToken))
        {
            holders[number.PhoneNumberSid] = new PhoneNumberHolder(number.ProviderId, Committed: true);
        }

        foreach (var sid in phoneNumberSids)
        {
            if (Claims.TryGetValue(sid, out var claim))
            {
                holders.TryAdd(sid, new PhoneNumberHolder(Stored[claim.ImportId].ProviderId, Committed: false));
            }
        }

        return holders;
    }

    public async Task<IReadOnlyDictionary<string, PhoneNumberHolder>> ClaimAsync(
        PhoneNumberImport import,
        IReadOnlyList<PhoneNumberImportClaim> claims,
        DateTimeOffset reconcileAt,
        CancellationToken cancellationToken)
    {
        BeforeClaim?.Invoke();
        var held = new Dictionary<string, PhoneNumberHolder>(
            await FindHoldersAsync([.. claims.Select(c => c.PhoneNumberSid)], cancellationToken),
            StringComparer.Ordinal);
        var free = claims.Where(c => !held.ContainsKey(c.PhoneNumberSid)).ToList();
        if (free.Count > 0)
        {
            Stored.Add(import.Id, import);
            ReconcileAt.Add(import.Id, reconcileAt);
            foreach (var claim in free)
            {
                Claims.Add(claim.PhoneNumberSid, claim);
            }
        }

        return held;
    }

    public void Complete(PhoneNumberImport import) => Completed.Add(import.Id);

    public Task ForgetAsync(Guid importId, CancellationToken cancellationToken)
    {
        if (Stored.TryGetValue(importId, out var import) && import.Status == PhoneNumberImportStatus.Pending)
        {
            Drop(importId);
            Forgotten.Add(importId);
        }

        return Task.CompletedTask;
    }

    public Task<PhoneNumberImport?> FindAsync(Guid importId, CancellationToken cancellationToken) =>
        Task.FromResult(Stored.GetValueOrDefault(importId));

    public Task TakeForReconciliationAsync(Guid importId, CancellationToken cancellationToken)
    {
        if (Stored.TryGetValue(importId, out var import) && import.Status == PhoneNumberImportStatus.Pending)
        {
            import.TakeForReconciliation(timeProvider.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PhoneNumberImportClaim>> ListClaimsAsync(Guid importId, CancellationToken cancellationToken) =>
        Task.FromResult(ClaimsOf(importId));

    public void Remove(PhoneNumberImport import)
    {
        Drop(import.Id);
        Removed.Add(import.Id);
    }

    public void Release(IEnumerable<PhoneNumberImportClaim> claims)
    {
        foreach (var claim in claims)
        {
            Claims.Remove(claim.PhoneNumberSid);
            Released.Add(claim);
        }
    }

    private void Drop(Guid importId)
    {
        Stored.Remove(importId);
        foreach (var claim in ClaimsOf(importId))
        {
            Claims.Remove(claim.PhoneNumberSid);
        }
    }
}
