namespace VoipProviders.Application.Common.BackgroundWork;

/// <summary>
/// One stuck piece of background work as an operator sees it. <see cref="Resources"/> names what it concerns outside
/// the database (the SIDs to remove by hand, the names to look for, the handler that refused an event); never a secret.
/// </summary>
public sealed record BackgroundWorkItem(
    string Id,
    string Status,
    DateTimeOffset Since,
    long AgeSeconds,
    string? OrganizationId,
    Guid? ProviderId,
    string? AccountSid,
    int Attempts,
    string? LastFailure,
    IReadOnlyList<BackgroundWorkResource> Resources)
{
    /// <summary>Whole seconds from <paramref name="since"/> to <paramref name="now"/>, never negative.</summary>
    public static long SecondsBetween(DateTimeOffset since, DateTimeOffset now) => Math.Max(0, (long)(now - since).TotalSeconds);
}
