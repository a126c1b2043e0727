using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>The rotations' store in memory.</summary>
public sealed class FakeAuthTokenRotations : IAuthTokenRotations
{
    private readonly List<AuthTokenRotation> _rotations = [];

    public IReadOnlyList<AuthTokenRotation> Rotations => _rotations;

    public void Add(AuthTokenRotation rotation) => _rotations.Add(rotation);

    public Task<AuthTokenRotation?> FindAsync(OrganizationId organizationId, ProviderId providerId, Guid rotationId, CancellationToken cancellationToken) =>
        Task.FromResult(_rotations.SingleOrDefault(r => r.Id == rotationId && r.ProviderId == providerId && r.OrganizationId == organizationId));

    public Task<AuthTokenRotation?> FindForWorkAsync(Guid rotationId, CancellationToken cancellationToken) =>
        Task.FromResult(_rotations.SingleOrDefault(r => r.Id == rotationId));

    public Task<IReadOnlyList<AuthTokenRotation>> FindCleanupsPendingAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuthTokenRotation>>([.. _rotations.Where(r => r.ProviderId == providerId && r.CleanupPending)]);

    public Task<(IReadOnlyList<AuthTokenRotation> Items, int TotalCount)> PageAsync(
        OrganizationId organizationId,
        ProviderId providerId,
        int skip,
        int take,
        CancellationToken cancellationToken)
    {
        var of = _rotations.Where(r => r.ProviderId == providerId && r.OrganizationId == organizationId).OrderByDescending(r => r.Id).ToList();
        return Task.FromResult<(IReadOnlyList<AuthTokenRotation>, int)>(([.. of.Skip(skip).Take(take)], of.Count));
    }

    public Task<IReadOnlyList<ProviderId>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProviderId>>([]);
}
