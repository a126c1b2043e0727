using System.Globalization;

namespace VoipProviders.LoadTests;

/// <summary>
/// CPU time used so far by every PostgreSQL process on the machine (the postmaster, its backends and workers), read
/// from /proc. Both servers share one cluster and keep pooled connections open, so the difference over a round is the
/// database's cost of that round's requests (a backend that exits within the window takes its share with it).
/// </summary>
internal static class PostgresCpu
{
    /// <summary>/proc reports CPU time in USER_HZ, which is 100 on every Linux ABI .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The sum, or null where /proc is not there to read (the round then reports no database CPU).</summary>
    public static TimeSpan? Total()
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        long ticks = 0;
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(process, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != "postgres")
                {
                    continue;
                }

                // utime and stime are the 12th and 13th fields after the parenthesised name.
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended between listing and reading.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
