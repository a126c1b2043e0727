namespace VoipProviders.Domain.Providers;

/// <summary>What the checks of one verification run mean for a provider as a whole, whatever its type.</summary>
public static class VerificationOutcome
{
    /// <summary>Failed when any check failed, warning when any warned, else verified (skipped checks follow a failed one).</summary>
    public static VerificationStatus Of(IEnumerable<VerificationCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var statuses = checks.Select(c => c.Status).ToList();
        return statuses.Contains(VerificationCheckStatus.Failed) ? VerificationStatus.Failed
            : statuses.Contains(VerificationCheckStatus.Warning) ? VerificationStatus.Warning
            : VerificationStatus.Verified;
    }

    /// <exception cref="ArgumentException">No checks, or the next run due before this one.</exception>
    public static void Validate(IReadOnlyCollection<VerificationCheck> checks, DateTimeOffset now, DateTimeOffset nextVerificationAt)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (checks.Count == 0)
        {
            throw new ArgumentException("A verification run has at least one check.", nameof(checks));
        }

        if (nextVerificationAt < now)
        {
            throw new ArgumentOutOfRangeException(nameof(nextVerificationAt), "The next verification cannot be due before this one.");
        }
    }
}
