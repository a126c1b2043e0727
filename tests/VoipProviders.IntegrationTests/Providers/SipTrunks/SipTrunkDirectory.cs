namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

/// <summary>Where the test-only provider type keeps its providers and its verification leases (one per host).</summary>
internal sealed class SipTrunkDirectory
{
    private readonly object _lock = new();
    private readonly Dictionary<ProviderId, SipTrunk> _trunks = [];
    private readonly Dictionary<ProviderId, (Guid RunId, DateTimeOffset Until)> _leases = [];

    public SipTrunk Add(OrganizationId organizationId, string name, string host, DateTimeOffset createdAt, DateTimeOffset? nextVerificationAt = null)
    {
        var trunk = new SipTrunk
        {
            Id = ProviderId.New(createdAt),
            OrganizationId = organizationId,
            Name = name,
            Host = host,
            CreatedAt = Timestamps.Normalize(createdAt),
            NextVerificationAt = nextVerificationAt ?? createdAt.AddHours(1),
        };
        lock (_lock)
        {
            _trunks[trunk.Id] = trunk;
        }

        return trunk;
    }

    public SipTrunk? Find(ProviderId id, OrganizationId? organizationId = null)
    {
        lock (_lock)
        {
            return _trunks.TryGetValue(id, out var trunk) && (organizationId is null || trunk.OrganizationId == organizationId) ? trunk.Copy() : null;
        }
    }

    public IReadOnlyList<SipTrunk> OfOrganization(OrganizationId organizationId)
    {
        lock (_lock)
        {
            return [.. _trunks.Values.Where(t => t.OrganizationId == organizationId).Select(t => t.Copy())];
        }
    }

    public bool Remove(ProviderId id)
    {
        lock (_lock)
        {
            _leases.Remove(id);
            return _trunks.Remove(id);
        }
    }

    public bool TryStart(ProviderId id, Guid runId, DateTimeOffset now, DateTimeOffset until)
    {
        lock (_lock)
        {
            if (!_trunks.ContainsKey(id) || (_leases.TryGetValue(id, out var lease) && lease.Until >= now))
            {
                return false;
            }

            _leases[id] = (runId, until);
            return true;
        }
    }

    public bool Record(SipTrunk verified, Guid runId)
    {
        lock (_lock)
        {
            End(verified.Id, runId);
            if (!_trunks.TryGetValue(verified.Id, out var stored) || stored.Version != verified.Version)
            {
                return false;
            }

            _trunks[verified.Id] = verified.Copy();
            return true;
        }
    }

    public void Release(ProviderId id, Guid runId, DateTimeOffset? nextVerificationAt)
    {
        lock (_lock)
        {
            if (nextVerificationAt is { } next && _trunks.TryGetValue(id, out var trunk))
            {
                trunk.NextVerificationAt = next;
            }

            End(id, runId);
        }
    }

    public bool IsRunning(ProviderId id, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _leases.TryGetValue(id, out var lease) && lease.Until > now;
        }
    }

    public IReadOnlyList<ProviderId> ClaimDue(Guid runId, DateTimeOffset now, DateTimeOffset until, int limit)
    {
        lock (_lock)
        {
            var due = _trunks.Values
                .Where(t => t.NextVerificationAt <= now && !(_leases.TryGetValue(t.Id, out var lease) && lease.Until >= now))
                .OrderBy(t => t.NextVerificationAt)
                .Take(limit)
                .Select(t => t.Id)
                .ToList();
            foreach (var id in due)
            {
                _leases[id] = (runId, until);
            }

            return due;
        }
    }

    private void End(ProviderId id, Guid runId)
    {
        if (_leases.TryGetValue(id, out var lease) && lease.RunId == runId)
        {
            _leases.Remove(id);
        }
    }
}
