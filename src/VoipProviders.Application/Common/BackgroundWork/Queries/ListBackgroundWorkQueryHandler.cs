using Mediator;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Application.Common.BackgroundWork.Queries;

public sealed class ListBackgroundWorkQueryHandler(IEnumerable<IBackgroundWorkSource> sources, TimeProvider timeProvider)
    : IQueryHandler<ListBackgroundWorkQuery, PagedResponse<BackgroundWorkItem>>
{
    public async ValueTask<PagedResponse<BackgroundWorkItem>> Handle(ListBackgroundWorkQuery query, CancellationToken cancellationToken)
    {
        var all = sources.ToList();
        var source = all.SingleOrDefault(s => s.Category.Name == query.Category)
            ?? throw RequestValidationException.For("category", $"category must be one of: {string.Join(", ", all.Select(s => s.Category.Name))}.");
        return await source.ListAsync(timeProvider.GetUtcNow(), query.Skip, query.Take, cancellationToken);
    }
}
