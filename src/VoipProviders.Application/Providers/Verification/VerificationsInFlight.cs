using System.Collections.Concurrent;

namespace VoipProviders.Application.Providers.Verification;

/// <summary>
/// The verifications this replica is running, so a second request for the same provider can wait for the first to
/// end instead of polling the database (runs on other replicas are waited for through the store).
/// </summary>
public sealed class VerificationsInFlight
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _runs = new();

    /// <summary>Marks a run of the provider as started here; dispose the result when it ends, however it ends.</summary>
    public IDisposable Started(Guid providerId)
    {
        var run = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runs[providerId] = run;
        return new Run(this, providerId, run);
    }

    /// <summary>The end of the provider's run on this replica, or null when none runs here.</summary>
    public Task? RunningHere(Guid providerId) => _runs.TryGetValue(providerId, out var run) ? run.Task : null;

    private sealed class Run(VerificationsInFlight owner, Guid providerId, TaskCompletionSource run) : IDisposable
    {
        public void Dispose()
        {
            owner._runs.TryRemove(new KeyValuePair<Guid, TaskCompletionSource>(providerId, run));
            run.TrySetResult();
        }
    }
}
