using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.Twilio;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.TwilioProviders.Repairs;

namespace VoipProviders.Domain.TwilioProviders;

/// <summary>
/// A tenant's connected Twilio account: its credentials (the Auth Token only in protected form), the Elastic SIP
/// trunk built for it and the integration's health. Every instance belongs to exactly one organization.
/// </summary>
public sealed class TwilioProvider : IVerifiableProvider
{
    public const string TrunkDomainSuffix = ".pstn.twilio.com";

    private TwilioProvider()
    {
        // For EF Core materialization.
        Name = null!;
        Region = null!;
        TrunkSid = null!;
        TrunkDomainName = null!;
        TerminationUri = null!;
        CredentialListSid = null!;
        SipCredentialSid = null!;
        SipUsername = null!;
        InboundRoutingKey = null!;
    }

    public ProviderId Id { get; private set; }

    public OrganizationId OrganizationId { get; private set; }

    public string Name { get; private set; }

    public AccountSid AccountSid { get; private set; }

    /// <summary>Verification throttles and logs runs by the Twilio account they call.</summary>
    string IVerifiableProvider.AccountKey => AccountSid.Value;

    public ProtectedSecret AuthToken { get; private set; }

    public TwilioRegion Region { get; private set; }

    public bool SupportsCallTransfer { get; private set; }

    public string TrunkSid { get; private set; }

    public string TrunkDomainName { get; private set; }

    public string TerminationUri { get; private set; }

    public string CredentialListSid { get; private set; }

    public string SipCredentialSid { get; private set; }

    public string SipUsername { get; private set; }

    public ProtectedSecret SipPassword { get; private set; }

    /// <summary>Counts the SIP credentials the provider has had: 1 after connect, one more per rotation.</summary>
    public int SipCredentialVersion { get; private set; }

    public DateTimeOffset SipCredentialUpdatedAt { get; private set; }

    /// <summary>
    /// The credentials rotations replaced whose grace period has not ended yet (usually none or one; more when rotations
    /// follow each other quickly), oldest first. Each is deleted by its own retirement when its grace ends.
    /// </summary>
    public IReadOnlyList<RetiringSipCredential> RetiringSipCredentials { get; private set; } = [];

    /// <summary>TLS signalling and SRTP media on the trunk (Twilio's <c>Secure</c>).</summary>
    public bool SecureTrunking { get; private set; }

    /// <summary>Tells the platform's SIP ingress which provider an inbound call came through (see <see cref="TwilioProviders.InboundRoutingKey"/>).</summary>
    public string InboundRoutingKey { get; private set; }

    /// <summary>The origination URLs this module created on the trunk, as last brought in line with the settings.</summary>
    public IReadOnlyList<OriginationUrl> OriginationUrls { get; private set; } = [];

    /// <summary>
    /// Which origination settings (and secure flag) <see cref="OriginationUrls"/> were last brought in line with; null when
    /// they must be brought in line again (the secure flag changed). The rollout looks for providers whose revision
    /// differs from the current settings'.
    /// </summary>
    public string? OriginationRevision { get; private set; }

    public VerificationStatus VerificationStatus { get; private set; }

    public DateTimeOffset? LastVerifiedAt { get; private set; }

    public IReadOnlyList<VerificationCheck>? VerificationChecks { get; private set; }

    /// <summary>When the scheduled re-verification is due next. A new provider is due at once.</summary>
    public DateTimeOffset NextVerificationAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset AuthTokenUpdatedAt { get; private set; }

    /// <summary>The managed Auth Token rotation running now, if any: one at a time, and none alongside a credential change.</summary>
    public Guid? ActiveAuthTokenRotationId { get; private set; }

    /// <summary>Whether (and how often) the module rotates the Auth Token by itself.</summary>
    public AuthTokenRotationPolicy AuthTokenRotationPolicy =>
        new(AuthTokenRotationEnabled, AuthTokenRotationIntervalDays, AuthTokenRotationPropagationDelaySeconds);

    /// <summary>The policy's parts as stored (see <see cref="AuthTokenRotationPolicy"/>).</summary>
    public bool AuthTokenRotationEnabled { get; private set; }

    public int AuthTokenRotationIntervalDays { get; private set; } = AuthTokenRotationPolicy.DefaultIntervalDays;

    public int AuthTokenRotationPropagationDelaySeconds { get; private set; } = AuthTokenRotation.DefaultPropagationDelaySeconds;

    /// <summary>When the policy's next rotation is due; null while the policy is off.</summary>
    public DateTimeOffset? NextAuthTokenRotationAt { get; private set; }

    /// <summary>Which repairs the module applies by itself when a verification finds drift.</summary>
    public AutoRepairMode AutoRepair { get; private set; }

    /// <summary>The repair running now, if any (see <see cref="RepairLeaseUntil"/>): one at a time.</summary>
    public Guid? RepairRunId { get; private set; }

    /// <summary>Until when the running repair holds the provider; a repair whose replica stopped lets go when it passes.</summary>
    public DateTimeOffset? RepairLeaseUntil { get; private set; }

    /// <summary>
    /// The domain name of a trunk a repair is about to create, committed before the create: if the repair stops before
    /// it records the trunk, the trunk is found by this name and deleted.
    /// </summary>
    public string? PendingRepairTrunkDomainName { get; private set; }

    /// <summary>As <see cref="PendingRepairTrunkDomainName"/>, the friendly name of a credential list a repair is about to create.</summary>
    public string? PendingRepairCredentialListName { get; private set; }

    /// <summary>When the current day of automatic repairs began (the cap counts per 24 hours from the first).</summary>
    public DateTimeOffset? AutoRepairWindowStartedAt { get; private set; }

    /// <summary>How many automatic repairs ran in the current day.</summary>
    public int AutoRepairCount { get; private set; }

    /// <summary>Set when the daily cap stopped an automatic repair: none runs before this time.</summary>
    public DateTimeOffset? AutoRepairPausedUntil { get; private set; }

    /// <summary>Counts the changes made to the provider; the optimistic-concurrency token and the source of its ETag.</summary>
    public long Version { get; private set; }

    public static TwilioProvider Connect(
        ProviderId id,
        OrganizationId organizationId,
        string name,
        AccountSid accountSid,
        ProtectedSecret authToken,
        TwilioRegion region,
        bool supportsCallTransfer,
        ProvisionedTrunk trunk,
        DateTimeOffset now,
        AutoRepairMode autoRepair = AutoRepairMode.Off)
    {
        if (id.Value == Guid.Empty)
        {
            throw new ArgumentException("A provider needs an id.", nameof(id));
        }

        organizationId.ThrowIfDefault(nameof(organizationId));
        accountSid.ThrowIfDefault(nameof(accountSid));
        ProviderName.Require(name);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(trunk);
        RequireProtected(authToken, nameof(authToken));
        RequireProtected(trunk.SipPassword, nameof(trunk));
        if (!TwilioProviders.InboundRoutingKey.IsWellFormed(trunk.InboundRoutingKey))
        {
            throw new ArgumentException("The trunk's inbound routing key is not well formed.", nameof(trunk));
        }

        now = Timestamps.Normalize(now);

        return new TwilioProvider
        {
            Id = id,
            OrganizationId = organizationId,
            Name = name,
            AccountSid = accountSid,
            AuthToken = authToken,
            Region = region,
            SupportsCallTransfer = supportsCallTransfer,
            TrunkSid = trunk.TrunkSid,
            TrunkDomainName = trunk.DomainName,
            TerminationUri = TerminationUriFor(trunk.DomainName, region, trunk.Secure),
            CredentialListSid = trunk.CredentialListSid,
            SipCredentialSid = trunk.SipCredentialSid,
            SipUsername = trunk.SipUsername,
            SipPassword = trunk.SipPassword,
            SipCredentialVersion = 1,
            SipCredentialUpdatedAt = now,
            SecureTrunking = trunk.Secure,
            InboundRoutingKey = trunk.InboundRoutingKey,
            OriginationUrls = [.. trunk.OriginationUrls],
            OriginationRevision = trunk.OriginationRevision,
            VerificationStatus = VerificationStatus.Pending,
            NextVerificationAt = now,
            CreatedAt = now,
            UpdatedAt = now,
            AuthTokenUpdatedAt = now,
            AutoRepair = RequireMode(autoRepair),
            Version = 1,
        };
    }

    /// <summary>
    /// The localized termination SIP URI of a trunk for an edge: <c>sip:{name}.pstn.{edge}.twilio.com</c>, and on a secure
    /// trunk <c>sip:{name}.pstn.{edge}.twilio.com:5061;transport=tls</c> (Twilio takes TLS on 5061 only).
    /// </summary>
    public static string TerminationUriFor(string trunkDomainName, TwilioRegion region, bool secure = false)
    {
        ArgumentNullException.ThrowIfNull(trunkDomainName);
        ArgumentNullException.ThrowIfNull(region);
        if (!trunkDomainName.EndsWith(TrunkDomainSuffix, StringComparison.Ordinal)
            || trunkDomainName.Length == TrunkDomainSuffix.Length)
        {
            throw new ArgumentException($"A trunk domain name ends in '{TrunkDomainSuffix}'.", nameof(trunkDomainName));
        }

        var label = trunkDomainName[..^TrunkDomainSuffix.Length];
        return secure
            ? $"sip:{label}.pstn.{region.Edge}.twilio.com:5061;transport=tls"
            : $"sip:{label}.pstn.{region.Edge}.twilio.com";
    }

    /// <summary>Changes the display name, which is ours alone (the trunk in Twilio keeps its own). False when unchanged.</summary>
    public bool Rename(string name, DateTimeOffset now)
    {
        ProviderName.Require(name);
        if (string.Equals(Name, name, StringComparison.Ordinal))
        {
            return false;
        }

        Name = name;
        Touch(now);
        return true;
    }

    /// <summary>Moves SIP traffic to another Twilio edge: only the termination URI changes. False when unchanged.</summary>
    public bool MoveToRegion(TwilioRegion region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (Region == region)
        {
            return false;
        }

        Region = region;
        TerminationUri = TerminationUriFor(TrunkDomainName, region, SecureTrunking);
        Touch(now);
        return true;
    }

    /// <summary>Records that the trunk's TransferMode in Twilio now matches <paramref name="enabled"/>. False when unchanged.</summary>
    public bool SetCallTransfer(bool enabled, DateTimeOffset now)
    {
        if (SupportsCallTransfer == enabled)
        {
            return false;
        }

        SupportsCallTransfer = enabled;
        Touch(now);
        return true;
    }

    /// <summary>
    /// Records that the trunk's Secure flag in Twilio now matches <paramref name="secure"/>: the termination URI moves to
    /// (or off) TLS on 5061, and the origination URLs must follow (their revision is cleared, so the rollout takes them).
    /// False when unchanged.
    /// </summary>
    public bool SetSecureTrunking(bool secure, DateTimeOffset now)
    {
        if (SecureTrunking == secure)
        {
            return false;
        }

        SecureTrunking = secure;
        TerminationUri = TerminationUriFor(TrunkDomainName, Region, secure);
        OriginationRevision = null;
        Touch(now);
        return true;
    }

    /// <summary>
    /// Makes a new SIP credential (already created in the provider's credential list) the current one. The one it
    /// replaces keeps working until <paramref name="retireAt"/>, then is deleted.
    /// </summary>
    /// <returns>The credential that now retires.</returns>
    public RetiringSipCredential RotateSipCredential(string sipCredentialSid, string sipUsername, ProtectedSecret sipPassword, DateTimeOffset now, DateTimeOffset retireAt)
    {
        if (!TwilioSid.Is("CR", sipCredentialSid))
        {
            throw new ArgumentException("Not a Twilio SIP credential SID.", nameof(sipCredentialSid));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(sipUsername);
        RequireProtected(sipPassword, nameof(sipPassword));
        if (string.Equals(sipUsername, SipUsername, StringComparison.Ordinal))
        {
            throw new ArgumentException("A rotation needs a new username.", nameof(sipUsername));
        }

        now = Timestamps.Normalize(now);
        if (retireAt < now)
        {
            throw new ArgumentOutOfRangeException(nameof(retireAt), retireAt, "The old credential cannot retire before now.");
        }

        var retiring = new RetiringSipCredential(SipCredentialSid, SipUsername, Timestamps.Normalize(retireAt));
        RetiringSipCredentials = [.. RetiringSipCredentials, retiring];
        SipCredentialSid = sipCredentialSid;
        SipUsername = sipUsername;
        SipPassword = sipPassword;
        SipCredentialVersion++;
        SipCredentialUpdatedAt = now;
        Touch(now);
        return retiring;
    }

    /// <summary>
    /// The retired credential <paramref name="sipCredentialSid"/> is gone from Twilio. Like a verification this observes
    /// rather than changes the provider: the version does not move. False when it was not retiring.
    /// </summary>
    public bool CompleteSipCredentialRetirement(string sipCredentialSid)
    {
        var remaining = RetiringSipCredentials.Where(r => !string.Equals(r.Sid, sipCredentialSid, StringComparison.Ordinal)).ToList();
        if (remaining.Count == RetiringSipCredentials.Count)
        {
            return false;
        }

        RetiringSipCredentials = remaining;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="sipUsername"/> is a credential a committed rotation made: the current one, or one still in
    /// its grace period. Anything else in the credential list under a rotation's name was never stored.
    /// </summary>
    public bool HasSipCredential(string sipUsername) =>
        string.Equals(SipUsername, sipUsername, StringComparison.Ordinal)
        || RetiringSipCredentials.Any(r => string.Equals(r.Username, sipUsername, StringComparison.Ordinal));

    /// <summary>
    /// Records the origination URLs the trunk now has, brought in line with the settings of <paramref name="revision"/>.
    /// Background work that follows the operator's settings, not a change the tenant made: the version does not move.
    /// </summary>
    public void RecordOrigination(IReadOnlyList<OriginationUrl> originationUrls, string revision)
    {
        ArgumentNullException.ThrowIfNull(originationUrls);
        ArgumentException.ThrowIfNullOrWhiteSpace(revision);
        OriginationUrls = [.. originationUrls];
        OriginationRevision = revision;
    }

    /// <summary>
    /// What must happen in the tenant's Twilio account once this provider is deleted: its imported numbers are
    /// detached, then its trunk and credential list go, using the credentials the provider holds now (still
    /// protected, still bound to this provider's id). With <c>secondaryAuthTokenLeft</c> (a stopped managed rotation may
    /// have left a secondary Auth Token in the account) that token goes first.
    /// </summary>
    public TwilioResourceCleanup PlanResourceCleanup(
        Guid cleanupId,
        DateTimeOffset now,
        IReadOnlyList<string>? importedPhoneNumberSids = null,
        bool secondaryAuthTokenLeft = false) =>
        TwilioResourceCleanup.For(cleanupId, this, importedPhoneNumberSids ?? [], secondaryAuthTokenLeft, now);

    /// <summary>
    /// Records the outcome of a verification run and when the next scheduled one is due. The provider is failed when
    /// any check failed, in warning when any check warned, and verified otherwise (skipped checks follow a failed one).
    /// A verification observes the provider rather than changing it: neither <see cref="Version"/> nor
    /// <see cref="UpdatedAt"/> moves, so a background run never invalidates the ETag a caller holds.
    /// </summary>
    /// <returns>The status before this run, so callers can tell whether it changed.</returns>
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

    /// <summary>Replaces the Auth Token with a new one that Twilio has already accepted.</summary>
    public void RotateAuthToken(ProtectedSecret newAuthToken, DateTimeOffset now)
    {
        RequireProtected(newAuthToken, nameof(newAuthToken));
        RequireNoAuthTokenRotation();
        ReplaceAuthToken(newAuthToken, now);
        Touch(now);
    }

    /// <summary>
    /// Refuses a credential change (or deletion) while a managed rotation runs: the rotation would promote a secondary
    /// made for the token it started with.
    /// </summary>
    /// <exception cref="DomainRuleViolationException">A rotation is running (code <c>rotation_in_progress</c>).</exception>
    public void RequireNoAuthTokenRotation()
    {
        if (ActiveAuthTokenRotationId is not null)
        {
            throw new DomainRuleViolationException(
                AuthTokenRotationRules.RotationInProgressCode,
                "A managed Auth Token rotation is running for this provider. Wait for it to end, or cancel it before its promotion.");
        }
    }

    /// <summary>Marks a managed rotation as running; the provider's credentials cannot change until it ends.</summary>
    public void BeginAuthTokenRotation(Guid rotationId, DateTimeOffset now)
    {
        if (rotationId == Guid.Empty)
        {
            throw new ArgumentException("A rotation needs an id.", nameof(rotationId));
        }

        RequireNoAuthTokenRotation();
        ActiveAuthTokenRotationId = rotationId;
        Touch(now);
    }

    /// <summary>The rotation promoted its secondary: it is the provider's token now, and the rotation no longer blocks changes.</summary>
    public void CompleteAuthTokenRotation(Guid rotationId, ProtectedSecret newAuthToken, DateTimeOffset now)
    {
        RequireProtected(newAuthToken, nameof(newAuthToken));
        RequireActiveRotation(rotationId);
        ActiveAuthTokenRotationId = null;
        ReplaceAuthToken(newAuthToken, now);
        Touch(now);
    }

    /// <summary>
    /// The rotation stopped before its promotion (failed or cancelled): the provider keeps its token. A policy that is on
    /// tries again a day later.
    /// </summary>
    public void EndAuthTokenRotation(Guid rotationId, DateTimeOffset now)
    {
        RequireActiveRotation(rotationId);
        ActiveAuthTokenRotationId = null;
        now = Timestamps.Normalize(now);
        if (AuthTokenRotationEnabled && (NextAuthTokenRotationAt is null || NextAuthTokenRotationAt <= now))
        {
            NextAuthTokenRotationAt = now.AddDays(1);
        }

        Touch(now);
    }

    /// <summary>
    /// Sets the rotation policy. When on, the next rotation is due an interval after the token last changed (at once if
    /// that has passed); when off, none is. False when unchanged.
    /// </summary>
    public bool SetAuthTokenRotationPolicy(AuthTokenRotationPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy == AuthTokenRotationPolicy)
        {
            return false;
        }

        (AuthTokenRotationEnabled, AuthTokenRotationIntervalDays, AuthTokenRotationPropagationDelaySeconds) =
            (policy.Enabled, policy.IntervalDays, policy.PropagationDelaySeconds);
        now = Timestamps.Normalize(now);
        NextAuthTokenRotationAt = policy.Enabled ? Later(AuthTokenUpdatedAt.AddDays(policy.IntervalDays), now) : null;
        Touch(now);
        return true;
    }

    /// <summary>Sets which repairs the module applies by itself. A new mode also ends a pause of the daily cap. False when unchanged.</summary>
    public bool SetAutoRepair(AutoRepairMode mode, DateTimeOffset now)
    {
        if (AutoRepair == RequireMode(mode))
        {
            return false;
        }

        AutoRepair = mode;
        AutoRepairPausedUntil = null;
        AutoRepairWindowStartedAt = null;
        AutoRepairCount = 0;
        Touch(now);
        return true;
    }

    /// <summary>Whether a repair holds the provider at <paramref name="now"/>.</summary>
    public bool IsRepairing(DateTimeOffset now) => RepairRunId is not null && RepairLeaseUntil > now;

    /// <summary>
    /// Refuses a change while a repair holds the provider: the repair brings Twilio in line with the provider as it
    /// planned it.
    /// </summary>
    /// <exception cref="DomainRuleViolationException">A repair is running (code <c>repair_in_progress</c>).</exception>
    public void RequireNoRepair(DateTimeOffset now)
    {
        if (IsRepairing(now))
        {
            throw new DomainRuleViolationException(
                RepairRules.RepairInProgressCode,
                "A repair of this provider is running. Wait for it to end (at most a few minutes).");
        }
    }

    /// <summary>
    /// Takes the provider for a repair until <paramref name="leaseUntil"/> (a change: the version moves, so a second
    /// replica planning from the same version cannot take it too). An automatic repair counts against
    /// <paramref name="maxAutomaticPerDay"/>: false when the day's repairs are spent (the provider is paused until the
    /// day ends and nothing else changes).
    /// </summary>
    /// <exception cref="DomainRuleViolationException">A repair or a managed Auth Token rotation is running.</exception>
    public bool BeginRepair(Guid runId, DateTimeOffset now, DateTimeOffset leaseUntil, bool automatic, int maxAutomaticPerDay)
    {
        if (runId == Guid.Empty)
        {
            throw new ArgumentException("A repair needs an id.", nameof(runId));
        }

        now = Timestamps.Normalize(now);
        RequireNoAuthTokenRotation();
        RequireNoRepair(now);
        if (leaseUntil <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseUntil), leaseUntil, "A lease ends after it starts.");
        }

        if (automatic)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(maxAutomaticPerDay);
            if (AutoRepairWindowStartedAt is null || AutoRepairWindowStartedAt.Value.AddDays(1) <= now)
            {
                (AutoRepairWindowStartedAt, AutoRepairCount, AutoRepairPausedUntil) = (now, 0, null);
            }

            if (AutoRepairCount >= maxAutomaticPerDay)
            {
                AutoRepairPausedUntil = AutoRepairWindowStartedAt.Value.AddDays(1);
                return false;
            }

            AutoRepairCount++;
        }

        RepairRunId = runId;
        RepairLeaseUntil = Timestamps.Normalize(leaseUntil);
        Touch(now);
        return true;
    }

    /// <summary>Ends the repair <paramref name="runId"/> (nothing when another holds the provider now).</summary>
    public void EndRepair(Guid runId)
    {
        if (RepairRunId == runId)
        {
            (RepairRunId, RepairLeaseUntil) = (null, null);
        }
    }

    /// <summary>Announces, before the create, the trunk a repair is about to create (see <see cref="PendingRepairTrunkDomainName"/>).</summary>
    public void AnnounceRepairTrunk(string domainName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domainName);
        PendingRepairTrunkDomainName = domainName;
    }

    /// <summary>Announces, before the create, the credential list a repair is about to create.</summary>
    public void AnnounceRepairCredentialList(string friendlyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(friendlyName);
        PendingRepairCredentialListName = friendlyName;
    }

    /// <summary>The announced creates are settled: recorded, or found absent, or deleted.</summary>
    public void SettlePendingRepairCreates()
    {
        PendingRepairTrunkDomainName = null;
        PendingRepairCredentialListName = null;
    }

    /// <summary>
    /// A repair replaced a trunk that was gone from the account: the new one's SID and domain are the provider's, so the
    /// termination URI changes. Its origination URLs are the new trunk's to create (none yet).
    /// </summary>
    public void ReplaceTrunk(string trunkSid, string domainName, DateTimeOffset now)
    {
        if (!TwilioSid.Is("TK", trunkSid))
        {
            throw new ArgumentException("Not a Twilio trunk SID.", nameof(trunkSid));
        }

        TerminationUri = TerminationUriFor(domainName, Region, SecureTrunking);
        TrunkSid = trunkSid;
        TrunkDomainName = domainName;
        OriginationUrls = [];
        PendingRepairTrunkDomainName = null;
        Touch(now);
    }

    /// <summary>
    /// A repair replaced a credential list that was gone from the account: its credentials went with it, retiring ones
    /// included (nothing is left for their retirements to delete).
    /// </summary>
    public void ReplaceCredentialList(string credentialListSid, DateTimeOffset now)
    {
        if (!TwilioSid.Is("CL", credentialListSid))
        {
            throw new ArgumentException("Not a Twilio credential list SID.", nameof(credentialListSid));
        }

        CredentialListSid = credentialListSid;
        RetiringSipCredentials = [];
        PendingRepairCredentialListName = null;
        Touch(now);
    }

    /// <summary>
    /// A repair created a SIP credential in place of the current one, which is gone from Twilio: the dial-out route
    /// changes at once (there is no old credential left to keep working).
    /// </summary>
    public void ReplaceLostSipCredential(string sipCredentialSid, string sipUsername, ProtectedSecret sipPassword, DateTimeOffset now)
    {
        if (!TwilioSid.Is("CR", sipCredentialSid))
        {
            throw new ArgumentException("Not a Twilio SIP credential SID.", nameof(sipCredentialSid));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(sipUsername);
        RequireProtected(sipPassword, nameof(sipPassword));
        now = Timestamps.Normalize(now);
        SipCredentialSid = sipCredentialSid;
        SipUsername = sipUsername;
        SipPassword = sipPassword;
        SipCredentialVersion++;
        SipCredentialUpdatedAt = now;
        Touch(now);
    }

    /// <summary>
    /// A repair created or corrected one of the module's origination URLs: it takes its slot (by friendly name). Like
    /// <see cref="RecordOrigination"/>, the version does not move.
    /// </summary>
    public void RecordRepairedOriginationUrl(OriginationUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        OriginationUrls =
        [
            .. OriginationUrls.Where(u => !string.Equals(u.FriendlyName, url.FriendlyName, StringComparison.Ordinal)
                && !string.Equals(u.Sid, url.Sid, StringComparison.Ordinal)),
            url,
        ];
    }

    private static AutoRepairMode RequireMode(AutoRepairMode mode) =>
        Enum.IsDefined(mode) ? mode : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not an auto-repair mode.");

    private void ReplaceAuthToken(ProtectedSecret newAuthToken, DateTimeOffset now)
    {
        AuthToken = newAuthToken;
        AuthTokenUpdatedAt = Timestamps.Normalize(now);
        NextAuthTokenRotationAt = AuthTokenRotationEnabled ? AuthTokenUpdatedAt.AddDays(AuthTokenRotationIntervalDays) : null;
    }

    private void RequireActiveRotation(Guid rotationId)
    {
        if (ActiveAuthTokenRotationId != rotationId)
        {
            throw new InvalidOperationException("That rotation is not the provider's running one.");
        }
    }

    private static DateTimeOffset Later(DateTimeOffset first, DateTimeOffset second) => first > second ? first : second;

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = Timestamps.Normalize(now);
        Version++;
    }

    private static void RequireProtected(ProtectedSecret secret, string parameterName)
    {
        if (secret.CipherText is null)
        {
            throw new ArgumentException("A secret must be protected before the provider holds it.", parameterName);
        }
    }
}
