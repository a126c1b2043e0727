using Mediator;
using VoipProviders.Application.Common.Models;
using VoipProviders.Application.Common.Validation;

namespace VoipProviders.Application.Common.BackgroundWork.Queries;

/// <summary>One page of one kind of stuck background work (<see cref="Category"/> as the API names it), oldest first.</summary>
public sealed record ListBackgroundWorkQuery(string Category, int Skip = 0, int Take = PagingRules.DefaultTake)
    : IQuery<PagedResponse<BackgroundWorkItem>>;
