using System.Reflection;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// The verification store in memory, with the semantics of the SQL one: every read hands out a detached copy (like an
/// untracked query), a lease is held until it is ended or expires, a result is stored only under the version it was
/// checked at, and storing or releasing ends the run. Records every call so a test can see what a run did.
/// </summary>
public sealed class FakeProviderVerificationStore : IProviderVerificationStore
{
    private static readonly MethodInfo MemberwiseCloneMethod =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static readonly PropertyInfo NextVerificationAtProperty =
        typeof(TwilioProvider).GetProperty(nameof(TwilioProvider.NextVerificationAt))!;

    private readonly object _gate = new();
    private readonly Dictionary<ProviderId, TwilioProvider> _providers = [];
    private readonly Dictionary<ProviderId, (DateTimeOffset Until, Guid RunId)> _leases = [];
    private readonly List<string> _calls = [];
    private readonly List<ProviderId> _recorded = [];
    private readonly List<ProviderId> _staleRecords = [];
    private readonly List<(ProviderId ProviderId, DateTimeOffset? NextVerificationAt)> _releases = [];
    private readonly List<int> _claimLimits = [];
    private int _mostLeasesAtOnce;
    private RecordingEventOutbox? _outbox;
    private RecordingAuditTrail? _audit;
    private HashSet<object> _committed = new(ReferenceEqualityComparer.Instance);

    public ProviderType Type => TwilioProviderKind.Type;

    /// <summary>
    /// Runs after each store method has taken effect and before it returns, with the method's name: lets a test act
    /// between two steps of a run, as another replica would.
    /// </summary>
    public Action<string>? AfterCall { get; set; }

    /// <summary>The store's methods in the order they were called (by name).</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Providers whose verification <see cref="TryRecordAsync"/> stored, once per stored result.</summary>
    public IReadOnlyList<ProviderId> Recorded
    {
        get
        {
            lock (_gate)
            {
                return [.. _recorded];
            }
        }
    }

    /// <summary>Providers whose verification <see cref="TryRecordAsync"/> refused: changed or deleted meanwhile.</summary>
    public IReadOnlyList<ProviderId> StaleRecords
    {
        get
        {
            lock (_gate)
            {
                return [.. _staleRecords];
            }
        }
    }

    public IReadOnlyList<(ProviderId ProviderId, DateTimeOffset? NextVerificationAt)> Releases
    {
        get
        {
            lock (_gate)
            {
                return [.. _releases];
            }
        }
    }

    /// <summary>The limit of every <see cref="ClaimDueAsync"/> call.</summary>
    public IReadOnlyList<int> ClaimLimits
    {
        get
        {
            lock (_gate)
            {
                return [.. _claimLimits];
            }
        }
    }

    /// <summary>The most leases held at the same time so far: how many runs were going at once.</summary>
    public int MostLeasesAtOnce
    {
        get
        {
            lock (_gate)
            {
                return _mostLeasesAtOnce;
            }
        }
    }

    /// <summary>
    /// Like the SQL store, commits the events and audit records added since the last result with the next one, and
    /// discards them when that result is stale (the provider changed meanwhile) and not stored.
    /// </summary>
    public void CommitsWith(RecordingEventOutbox outbox, RecordingAuditTrail audit)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(audit);
        lock (_gate)
        {
            (_outbox, _audit) = (outbox, audit);
            MarkCommitted();
        }
    }

    /// <summary>Commits a provider as it is now (a copy: later changes to <paramref name="provider"/> do not leak in).</summary>
    public void Seed(TwilioProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        lock (_gate)
        {
            _providers[provider.Id] = Copy(provider);
        }
    }

    /// <summary>The provider as committed now (a copy), or null.</summary>
    public TwilioProvider? Stored(ProviderId providerId)
    {
        lock (_gate)
        {
            return _providers.TryGetValue(providerId, out var provider) ? Copy(provider) : null;
        }
    }

    /// <summary>Commits a change to the stored provider, as a concurrent request would (e.g. a rename bumps its version).</summary>
    public void Change(ProviderId providerId, Action<TwilioProvider> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var copy = Copy(_providers[providerId]);
            change(copy);
            _providers[providerId] = copy;
        }
    }

    /// <summary>Deletes the provider, as a concurrent delete that committed would.</summary>
    public void Remove(ProviderId providerId)
    {
        lock (_gate)
        {
            _providers.Remove(providerId);
        }
    }

    /// <summary>
    /// Holds the provider's lease until <paramref name="leaseUntil"/>, as a run on another replica (or the sweep's
    /// claim) would. Returns the holding run's id.
    /// </summary>
    public Guid HoldLease(ProviderId providerId, DateTimeOffset leaseUntil)
    {
        var runId = Guid.NewGuid();
        lock (_gate)
        {
            _leases[providerId] = (leaseUntil, runId);
            _mostLeasesAtOnce = Math.Max(_mostLeasesAtOnce, _leases.Count);
        }

        return runId;
    }

    /// <summary>Ends the provider's run without a trace in <see cref="Calls"/>, as another replica's run ending would.</summary>
    public void EndLease(ProviderId providerId)
    {
        lock (_gate)
        {
            _leases.Remove(providerId);
        }
    }

    /// <summary>The end of the provider's lease, or null when no run holds it (expired leases included).</summary>
    public DateTimeOffset? LeaseOf(ProviderId providerId)
    {
        lock (_gate)
        {
            return _leases.TryGetValue(providerId, out var lease) ? lease.Until : null;
        }
    }

    public Task<IVerifiableProvider?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add(nameof(FindAsync));
            return Task.FromResult<IVerifiableProvider?>(
                _providers.TryGetValue(providerId, out var provider) && provider.OrganizationId == organizationId ? Copy(provider) : null);
        }
    }

    public Task<IVerifiableProvider?> FindForBackgroundAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add(nameof(FindForBackgroundAsync));
            return Task.FromResult<IVerifiableProvider?>(_providers.TryGetValue(providerId, out var provider) ? Copy(provider) : null);
        }
    }

    public Task<bool> TryStartAsync(ProviderId providerId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add(nameof(TryStartAsync));
            if (!_providers.ContainsKey(providerId) || IsHeld(providerId, now))
            {
                return Task.FromResult(false);
            }

            _leases[providerId] = (leaseUntil, runId);
            _mostLeasesAtOnce = Math.Max(_mostLeasesAtOnce, _leases.Count);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryRecordAsync(IVerifiableProvider provider, Guid runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        bool stored;
        lock (_gate)
        {
            _calls.Add(nameof(TryRecordAsync));
            stored = _providers.TryGetValue(provider.Id, out var current) && current.Version == provider.Version;
            if (stored)
            {
                _providers[provider.Id] = Copy((TwilioProvider)provider);
                _recorded.Add(provider.Id);
            }
            else
            {
                _staleRecords.Add(provider.Id);
                _outbox?.Added.RemoveAll(added => !_committed.Contains(added));
                _audit?.Recorded.RemoveAll(added => !_committed.Contains(added));
            }

            MarkCommitted();

            // Like the SQL store: the run ends whether or not its result was stored — its own lease only.
            EndOwnLease(provider.Id, runId);
        }

        AfterCall?.Invoke(nameof(TryRecordAsync));
        return Task.FromResult(stored);
    }

    public Task ReleaseAsync(ProviderId providerId, Guid runId, DateTimeOffset? nextVerificationAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add(nameof(ReleaseAsync));
            _releases.Add((providerId, nextVerificationAt));
            if (nextVerificationAt is { } next && _providers.TryGetValue(providerId, out var provider))
            {
                var copy = Copy(provider);
                NextVerificationAtProperty.SetValue(copy, next);
                _providers[providerId] = copy;
            }

            EndOwnLease(providerId, runId);
        }

        AfterCall?.Invoke(nameof(ReleaseAsync));
        return Task.CompletedTask;
    }

    public Task<bool> IsRunningAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add(nameof(IsRunningAsync));
            return Task.FromResult(_leases.TryGetValue(providerId, out var lease) && lease.Until > now);
        }
    }

    public Task<IReadOnlyList<ProviderId>> ClaimDueAsync(Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_gate)
        {
            _calls.Add(nameof(ClaimDueAsync));
            _claimLimits.Add(limit);
            var claimed = _providers.Values
                .Where(p => p.NextVerificationAt <= now && !IsHeld(p.Id, now))
                .OrderBy(p => p.NextVerificationAt)
                .Take(limit)
                .Select(p => p.Id)
                .ToList();
            foreach (var id in claimed)
            {
                _leases[id] = (leaseUntil, runId);
            }

            _mostLeasesAtOnce = Math.Max(_mostLeasesAtOnce, _leases.Count);

            return Task.FromResult<IReadOnlyList<ProviderId>>(claimed);
        }
    }

    private void MarkCommitted() =>
        _committed = new HashSet<object>(
            [.. _outbox?.Added ?? [], .. _audit?.Recorded ?? []],
            ReferenceEqualityComparer.Instance);

    /// <summary>A lease holds until it has passed (one ending exactly now still holds, as in the SQL upsert).</summary>
    private bool IsHeld(ProviderId providerId, DateTimeOffset now) => _leases.TryGetValue(providerId, out var lease) && lease.Until >= now;

    /// <summary>Like the SQL store: a run ends only its own lease, never one another run has taken since.</summary>
    private void EndOwnLease(ProviderId providerId, Guid runId)
    {
        if (_leases.TryGetValue(providerId, out var lease) && lease.RunId == runId)
        {
            _leases.Remove(providerId);
        }
    }

    /// <summary>A detached copy, as an untracked query returns: what the caller does to it is not committed.</summary>
    private static TwilioProvider Copy(TwilioProvider provider) => (TwilioProvider)MemberwiseCloneMethod.Invoke(provider, null)!;
}
