namespace VoipProviders.Application.Common.BackgroundWork;

/// <summary>One kind of stuck background work: how many items, since when the oldest waits and how long that is.</summary>
public sealed record BackgroundWorkCategorySummary(string Category, int Count, DateTimeOffset? OldestSince, long OldestAgeSeconds);
