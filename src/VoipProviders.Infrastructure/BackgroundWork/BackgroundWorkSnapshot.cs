using System.Collections.Frozen;
using VoipProviders.Application.Common.BackgroundWork;

namespace VoipProviders.Infrastructure.BackgroundWork;

/// <summary>
/// The last count of stuck background work this replica took, per category, for the gauges: read by the metrics
/// exporter's thread without touching the database, replaced whole by <see cref="BackgroundWorkRefresher"/>.
/// </summary>
internal sealed class BackgroundWorkSnapshot(IEnumerable<IBackgroundWorkSource> sources, TimeProvider timeProvider)
{
    private volatile FrozenDictionary<string, BackgroundWorkTally> _tallies = FrozenDictionary<string, BackgroundWorkTally>.Empty;

    /// <summary>The tally of <paramref name="category"/> at the last refresh; null before the first one.</summary>
    public BackgroundWorkTally? Of(string category) => _tallies.GetValueOrDefault(category);

    /// <summary>Counts every category now and replaces the snapshot; a failure leaves the previous one in place.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var tallies = new Dictionary<string, BackgroundWorkTally>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            tallies[source.Category.Name] = await source.TallyAsync(now, cancellationToken);
        }

        _tallies = tallies.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
