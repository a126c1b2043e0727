using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;

namespace VoipProviders.IntegrationTests.Providers.Verification;

/// <summary>
/// The real verification store of the fixture's host, passed through, telling the test when a run found the provider's
/// lease taken by another run and started waiting for it (it asked whether that run still holds it, and it did).
/// </summary>
internal sealed class ObservedVerificationStore(IProviderVerificationStore inner) : IProviderVerificationStore
{
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ProviderType Type => inner.Type;

    /// <summary>Completes once a run, refused the lease, saw another run holding it.</summary>
    public Task WhenWaitingForAnotherRunAsync() => _waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public Task<IVerifiableProvider?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken) =>
        inner.FindAsync(organizationId, providerId, cancellationToken);

    public Task<IVerifiableProvider?> FindForBackgroundAsync(ProviderId providerId, CancellationToken cancellationToken) =>
        inner.FindForBackgroundAsync(providerId, cancellationToken);

    public Task<bool> TryStartAsync(ProviderId providerId, Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        inner.TryStartAsync(providerId, runId, now, leaseUntil, cancellationToken);

    public Task<bool> TryRecordAsync(IVerifiableProvider provider, Guid runId, CancellationToken cancellationToken) =>
        inner.TryRecordAsync(provider, runId, cancellationToken);

    public Task ReleaseAsync(ProviderId providerId, Guid runId, DateTimeOffset? nextVerificationAt, CancellationToken cancellationToken) =>
        inner.ReleaseAsync(providerId, runId, nextVerificationAt, cancellationToken);

    public async Task<bool> IsRunningAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var running = await inner.IsRunningAsync(providerId, now, cancellationToken);
        if (running)
        {
            _waiting.TrySetResult();
        }

        return running;
    }

    public Task<IReadOnlyList<ProviderId>> ClaimDueAsync(Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken) =>
        inner.ClaimDueAsync(runId, now, leaseUntil, limit, cancellationToken);
}
