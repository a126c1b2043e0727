using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;

namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

internal sealed class SipTrunkVerificationStore(SipTrunkDirectory directory) : IProviderVerificationStore
{
    public ProviderType Type => SipTrunkProviderType.Type;

    public Task<IVerifiableProvider?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        Task.FromResult<IVerifiableProvider?>(directory.Find(providerId, organizationId));

    public Task<IVerifiableProvider?> FindForBackgroundAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        Task.FromResult<IVerifiableProvider?>(directory.Find(providerId));

    public Task<bool> TryStartAsync(ProviderId providerId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        Task.FromResult(directory.TryStart(providerId, runId, now, leaseUntil));

    public Task<bool> TryRecordAsync(IVerifiableProvider provider, Guid runId, CancellationToken cancellationToken) =>
        Task.FromResult(directory.Record((SipTrunk)provider, runId));

    public Task ReleaseAsync(ProviderId providerId, Guid runId, DateTimeOffset? nextVerificationAt, CancellationToken cancellationToken)
    {
        directory.Release(providerId, runId, nextVerificationAt);
        return Task.CompletedTask;
    }

    public Task<bool> IsRunningAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(directory.IsRunning(providerId, now));

    public Task<IReadOnlyList<ProviderId>> ClaimDueAsync(Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(directory.ClaimDue(runId, now, leaseUntil, limit));
}
