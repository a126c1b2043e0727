using VoipProviders.Application.Common.Models;

namespace VoipProviders.Application.Common.BackgroundWork;

/// <summary>
/// One kind of background work that can get stuck — an abandoned clean-up, an intent past its grace, a parked delivery —
/// as an operator sees it: how much of it there is, how old the oldest is, and the items themselves, oldest first.
/// Registered by the feature (or building block) that owns the work; the operator's view, the gauges and nothing else
/// read it. Singletons: a source reads the database itself and holds no request state.
/// </summary>
public interface IBackgroundWorkSource
{
    BackgroundWorkCategory Category { get; }

    /// <summary>How many items there are at <paramref name="now"/>, and when the oldest began.</summary>
    Task<BackgroundWorkTally> TallyAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>One page of the items at <paramref name="now"/>, oldest first.</summary>
    Task<PagedResponse<BackgroundWorkItem>> ListAsync(DateTimeOffset now, int skip, int take, CancellationToken cancellationToken);
}
