using Mediator;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Application.Common.BackgroundWork.Queries;

public sealed class ListBackgroundWorkQueryHandler(IEnumerable<IBackgroundWorkSource> sources, TimeProvider timeProvider)
    : IQueryHandler<ListBackgroundWorkQuery, PagedResponse<BackgroundWorkItem>>
{
    public async ValueTask<PagedResponse<BackgroundWorkItem>> Handle(ListBackgroundWorkQuery query, CancellationToken cancellationToken)
    {
        // The validator accepted the name: exactly one source has it.
        var source = sources.Single(s => s.Category.Name == query.Category);
        return await source.ListAsync(timeProvider.GetUtcNow(), query.Skip, query.Take, cancellationToken);
    }
}
