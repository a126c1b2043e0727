namespace VoipProviders.Application.Common.BackgroundWork;

/// <summary>How many items of one kind there are, and since when the oldest has been waiting (null when there is none).</summary>
public sealed record BackgroundWorkTally(int Count, DateTimeOffset? OldestSince)
{
    public static BackgroundWorkTally None { get; } = new(0, null);

    /// <summary>Whole seconds the oldest item has waited at <paramref name="now"/>; 0 when there is none.</summary>
    public long OldestAgeSeconds(DateTimeOffset now) => OldestSince is { } since ? BackgroundWorkItem.SecondsBetween(since, now) : 0;
}
