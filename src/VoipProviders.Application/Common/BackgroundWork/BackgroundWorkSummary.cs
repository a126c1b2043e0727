namespace VoipProviders.Application.Common.BackgroundWork;

/// <summary>Every kind of stuck background work at <see cref="ObservedAt"/>: how many and how old the oldest.</summary>
public sealed record BackgroundWorkSummary(DateTimeOffset ObservedAt, IReadOnlyList<BackgroundWorkCategorySummary> Categories);
