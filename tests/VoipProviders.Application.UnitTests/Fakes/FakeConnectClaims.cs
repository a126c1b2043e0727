using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>Connect claims in memory: one holder per (organization, account); <see cref="HeldByOthers"/> simulates a parallel request.</summary>
public sealed class FakeConnectClaims : IConnectClaims
{
    private readonly Dictionary<(OrganizationId, AccountSid), Guid> _claims = [];

    public HashSet<(OrganizationId OrganizationId, AccountSid AccountSid)> HeldByOthers { get; } = [];

    public IReadOnlyCollection<(OrganizationId, AccountSid)> Held => _claims.Keys;

    public List<Guid> Released { get; } = [];

    public Task<Guid?> TryClaimAsync(OrganizationId organizationId, AccountSid accountSid, CancellationToken cancellationToken)
    {
        if (HeldByOthers.Contains((organizationId, accountSid)) || _claims.ContainsKey((organizationId, accountSid)))
        {
            return Task.FromResult<Guid?>(null);
        }

        var claimId = Guid.NewGuid();
        _claims[(organizationId, accountSid)] = claimId;
        return Task.FromResult<Guid?>(claimId);
    }

    public Task ReleaseAsync(OrganizationId organizationId, AccountSid accountSid, Guid claimId, CancellationToken cancellationToken)
    {
        if (_claims.TryGetValue((organizationId, accountSid), out var held) && held == claimId)
        {
            _claims.Remove((organizationId, accountSid));
            Released.Add(claimId);
        }

        return Task.CompletedTask;
    }
}
