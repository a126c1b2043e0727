namespace VoipProviders.Domain.Common;

/// <summary>
/// Points in time the domain records: UTC, to the microsecond — the precision PostgreSQL keeps — so what a command
/// answers is exactly what every later read answers.
/// </summary>
public static class Timestamps
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTimeOffset Normalize(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);
}
