using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>Connect claims in memory: one holder per (organization, account); <see cref="HeldByOthers"/> simulates a parallel request.</summary>
public sealed class FakeConnectClaims : IConnectClaims
{
    private readonly Dictionary<(string, string), Guid> _claims = [];

    public HashSet<(string OrganizationId, string AccountSid)> HeldByOthers { get; } = [];

    public IReadOnlyCollection<(string, string)> Held => _claims.Keys;

    public List<Guid> Released { get; } = [];

    public Task<Guid?> TryClaimAsync(string organizationId, string accountSid, CancellationToken cancellationToken)
    {
        if (HeldByOthers.Contains((organizationId, accountSid)) || _claims.ContainsKey((organizationId, accountSid)))
        {
            return Task.FromResult<Guid?>(null);
        }

        var claimId = Guid.NewGuid();
        _claims[(organizationId, accountSid)] = claimId;
        return Task.FromResult<Guid?>(claimId);
    }

    public Task ReleaseAsync(string organizationId, string accountSid, Guid claimId, CancellationToken cancellationToken)
    {
        if (_claims.TryGetValue((organizationId, accountSid), out var held) && held == claimId)
        {
            _claims.Remove((organizationId, accountSid));
            Released.Add(claimId);
        }

        return Task.CompletedTask;
    }
}
