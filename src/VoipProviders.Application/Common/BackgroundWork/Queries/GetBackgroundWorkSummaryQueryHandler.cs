using Mediator;

namespace VoipProviders.Application.Common.BackgroundWork.Queries;

public sealed class GetBackgroundWorkSummaryQueryHandler(IEnumerable<IBackgroundWorkSource> sources, TimeProvider timeProvider)
    : IQueryHandler<GetBackgroundWorkSummaryQuery, BackgroundWorkSummary>
{
    public async ValueTask<BackgroundWorkSummary> Handle(GetBackgroundWorkSummaryQuery query, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var categories = new List<BackgroundWorkCategorySummary>();
        foreach (var source in sources)
        {
            var tally = await source.TallyAsync(now, cancellationToken);
            categories.Add(new BackgroundWorkCategorySummary(source.Category.Name, tally.Count, tally.OldestSince, tally.OldestAgeSeconds(now)));
        }

        return new BackgroundWorkSummary(now, categories);
    }
}
