using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>An in-memory, organization-scoped provider store. <see cref="Added"/> holds what handlers added.</summary>
public sealed class FakeTwilioProviderRepository : ITwilioProviderRepository
{
    private readonly List<TwilioProvider> _existing = [];
    private readonly List<TwilioProvider> _added = [];
    private readonly List<TwilioProvider> _removed = [];

    public IReadOnlyList<TwilioProvider> Added => _added;

    public IReadOnlyList<TwilioProvider> Removed => _removed;

    /// <summary>Stores a provider as if it had been committed earlier.</summary>
    public void Seed(TwilioProvider provider) => _existing.Add(provider);

    public Task<TwilioProvider?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        Task.FromResult(All().SingleOrDefault(p => p.Id == providerId && p.OrganizationId == organizationId));

    /// <summary>The imported-number count <see cref="FindWithPhoneNumberCountAsync"/> reports with a provider.</summary>
    public int PhoneNumberCount { get; set; }

    public async Task<(TwilioProvider Provider, int PhoneNumberCount)?> FindWithPhoneNumberCountAsync(
        OrganizationId organizationId,
        ProviderId providerId,
        CancellationToken cancellationToken) =>
        await FindAsync(organizationId, providerId, cancellationToken) is { } provider ? (provider, PhoneNumberCount) : null;

    /// <summary>
    /// What a concurrent request committed meanwhile, as <see cref="FindCommittedAsync"/> will see it. When unset, that
    /// is the seeded instance itself — which the handler under test may already have changed, so compensation tests set this.
    /// </summary>
    public TwilioProvider? CommittedByOthers { get; set; }

    public Task<TwilioProvider?> FindCommittedAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        Task.FromResult(CommittedByOthers ?? _existing.SingleOrDefault(p => p.Id == providerId && p.OrganizationId == organizationId));

    public Task<TwilioProvider?> FindForBackgroundWorkAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        Task.FromResult(All().SingleOrDefault(p => p.Id == providerId));

    public Task<bool> ExistsAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        Task.FromResult(All().Any(p => p.Id == providerId && p.OrganizationId == organizationId));

    public Task EndRepairAsync(ProviderId providerId, Guid runId, CancellationToken cancellationToken)
    {
        All().SingleOrDefault(p => p.Id == providerId)?.EndRepair(runId);
        return Task.CompletedTask;
    }

    public Task<TwilioProvider?> FindByAccountAsync(OrganizationId organizationId, AccountSid accountSid, CancellationToken cancellationToken) =>
        Task.FromResult(All().SingleOrDefault(p => p.OrganizationId == organizationId && p.AccountSid == accountSid));

    public Task<bool> AccountIsConnectedAsync(OrganizationId organizationId, AccountSid accountSid, CancellationToken cancellationToken) =>
        Task.FromResult(All().Any(p => p.OrganizationId == organizationId && p.AccountSid == accountSid));

    public void Add(TwilioProvider provider) => _added.Add(provider);

    public void Remove(TwilioProvider provider) => _removed.Add(provider);

    private IEnumerable<TwilioProvider> All() => _existing.Concat(_added).Except(_removed);
}
