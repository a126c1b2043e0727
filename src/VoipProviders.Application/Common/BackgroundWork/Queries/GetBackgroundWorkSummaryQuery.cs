using Mediator;

namespace VoipProviders.Application.Common.BackgroundWork.Queries;

/// <summary>The operator's overview: every kind of stuck background work, counted now from the database.</summary>
public sealed record GetBackgroundWorkSummaryQuery : IQuery<BackgroundWorkSummary>;
