using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.Twilio;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

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
        DateTimeOffset now)
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
