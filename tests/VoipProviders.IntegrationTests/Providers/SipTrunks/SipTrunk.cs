namespace VoipProviders.IntegrationTests.Providers.SipTrunks;

/// <summary>
/// A provider of the test-only type "sipTrunk": a generic SIP trunk to a host, kept in memory. It exists to prove that a
/// second provider type plugs into the generic endpoints (list, get, verify, delete, the sweep) without a change to src.
/// </summary>
internal sealed class SipTrunk : IVerifiableProvider
{
    public required ProviderId Id { get; init; }

    public required OrganizationId OrganizationId { get; init; }

    public required string Name { get; init; }

    public required string Host { get; init; }

    /// <summary>Verification throttles runs per SIP host.</summary>
    public string AccountKey => Host;

    public long Version { get; init; } = 1;

    public required DateTimeOffset CreatedAt { get; init; }

    public VerificationStatus VerificationStatus { get; private set; } = VerificationStatus.Pending;

    public DateTimeOffset? LastVerifiedAt { get; private set; }

    public IReadOnlyList<VerificationCheck>? VerificationChecks { get; private set; }

    public DateTimeOffset NextVerificationAt { get; set; }

    public VerificationStatus RecordVerification(IReadOnlyCollection<VerificationCheck> checks, DateTimeOffset now, DateTimeOffset nextVerificationAt)
    {
        VerificationOutcome.Validate(checks, now, nextVerificationAt);
        var previous = VerificationStatus;
        VerificationStatus = VerificationOutcome.Of(checks);
        VerificationChecks = [.. checks];
        LastVerifiedAt = Timestamps.Normalize(now);
        NextVerificationAt = Timestamps.Normalize(nextVerificationAt);
        return previous;
    }

    /// <summary>An untracked copy, as a store hands out: what a run records on it is stored only through the store.</summary>
    public SipTrunk Copy()
    {
        var copy = new SipTrunk { Id = Id, OrganizationId = OrganizationId, Name = Name, Host = Host, Version = Version, CreatedAt = CreatedAt };
        copy.NextVerificationAt = NextVerificationAt;
        copy.VerificationStatus = VerificationStatus;
        copy.LastVerifiedAt = LastVerifiedAt;
        copy.VerificationChecks = VerificationChecks;
        return copy;
    }
}
