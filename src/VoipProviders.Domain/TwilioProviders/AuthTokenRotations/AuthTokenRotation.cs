using VoipProviders.Domain.Common;

namespace VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

/// <summary>
/// A managed rotation of a provider's Auth Token through Twilio's secondary token: create the secondary, validate it,
/// wait the propagation delay, promote it, verify. Each step is committed before the next starts, and the two Twilio
/// calls whose effect cannot be read back afterwards (creating the secondary, promoting it) are announced in a commit of
/// their own first (<see cref="SecondaryRequestedAt"/>, <see cref="PromotionRequestedAt"/>), so that a run resumed after a
/// crash knows that the call may have happened. At every moment the module holds a token Twilio accepts: the provider's
/// token until the promotion, and from the promotion on the secondary, stored here until it becomes the provider's.
/// </summary>
public sealed class AuthTokenRotation
{
    public const int MaxPropagationDelaySeconds = 300;
    public const int DefaultPropagationDelaySeconds = 60;
    public const int MaxFailureMessageLength = 300;

    private AuthTokenRotation()
    {
        // For EF Core materialization.
    }

    public Guid Id { get; private set; }

    public ProviderId ProviderId { get; private set; }

    public OrganizationId OrganizationId { get; private set; }

    public AuthTokenRotationTrigger Trigger { get; private set; }

    public int PropagationDelaySeconds { get; private set; }

    public AuthTokenRotationStatus Status { get; private set; }

    public AuthTokenRotationStep Step { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>When the promotion is due: set once the secondary has been validated.</summary>
    public DateTimeOffset? PromoteAfter { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Machine-readable reason of a failed rotation (e.g. <c>twilio_secondary_token_exists</c>).</summary>
    public string? FailureCode { get; private set; }

    /// <summary>Why it failed, in words that never include a secret.</summary>
    public string? FailureMessage { get; private set; }

    /// <summary>The secondary token, encrypted, from its creation until it is the provider's token (or deleted).</summary>
    public ProtectedSecret? SecondaryAuthToken { get; private set; }

    /// <summary>
    /// Set, and committed, before each call that creates the secondary: a secondary may exist in Twilio that this rotation
    /// created but never stored. Cleared when the secondary is known not to be this rotation's.
    /// </summary>
    public DateTimeOffset? SecondaryRequestedAt { get; private set; }

    /// <summary>Set, and committed, before the first promotion call: from then on the rotation can only finish.</summary>
    public DateTimeOffset? PromotionRequestedAt { get; private set; }

    /// <summary>The secondary a stopped rotation may have left in Twilio still has to be deleted.</summary>
    public bool CleanupPending { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Moves with every change: the optimistic-concurrency token between the steps and a cancellation.</summary>
    public long Version { get; private set; }

    public bool IsRunning => Status == AuthTokenRotationStatus.Running;

    /// <summary>Whether a cancellation can still stop it: running, and no promotion asked of Twilio yet.</summary>
    public bool CanBeCancelled => IsRunning && PromotionRequestedAt is null;

    public static AuthTokenRotation Start(
        Guid id,
        ProviderId providerId,
        OrganizationId organizationId,
        AuthTokenRotationTrigger trigger,
        int propagationDelaySeconds,
        DateTimeOffset now)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("A rotation needs an id.", nameof(id));
        }

        organizationId.ThrowIfDefault(nameof(organizationId));
        RequirePropagationDelay(propagationDelaySeconds);
        now = Timestamps.Normalize(now);
        return new AuthTokenRotation
        {
            Id = id,
            ProviderId = providerId,
            OrganizationId = organizationId,
            Trigger = trigger,
            PropagationDelaySeconds = propagationDelaySeconds,
            Status = AuthTokenRotationStatus.Running,
            Step = AuthTokenRotationStep.CreatingSecondary,
            StartedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
    }

    public static void RequirePropagationDelay(int propagationDelaySeconds)
    {
        if (propagationDelaySeconds is < 0 or > MaxPropagationDelaySeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(propagationDelaySeconds), propagationDelaySeconds, $"The propagation delay is 0 to {MaxPropagationDelaySeconds} seconds.");
        }
    }

    /// <summary>
    /// Until when a create of the secondary that this rotation asked Twilio for, and whose answer it never stored, may
    /// still land in the account: <paramref name="settleTime"/> after it was asked for. Null when no such create is
    /// outstanding. A delete made before then could be overtaken by the create, and the secondary would be left behind.
    /// </summary>
    public DateTimeOffset? UnansweredSecondaryMayLandUntil(TimeSpan settleTime) =>
        SecondaryRequestedAt is { } requestedAt && SecondaryAuthToken is null ? requestedAt + settleTime : null;

    /// <summary>A create call is about to be made (commit this before making it).</summary>
    public void RequestSecondary(DateTimeOffset now)
    {
        RequireStep(AuthTokenRotationStep.CreatingSecondary);
        SecondaryRequestedAt = Timestamps.Normalize(now);
        Touch(now);
    }

    /// <summary>
    /// Twilio says the account has a secondary although this rotation's create has not (or not yet) made one: whoever made
    /// it, it is not this rotation's, and must not be deleted by it.
    /// </summary>
    public void DisownSecondary(DateTimeOffset now)
    {
        RequireStep(AuthTokenRotationStep.CreatingSecondary);
        SecondaryRequestedAt = null;
        Touch(now);
    }

    public void StoreSecondary(ProtectedSecret secondaryAuthToken, DateTimeOffset now)
    {
        RequireStep(AuthTokenRotationStep.CreatingSecondary);
        RequireProtected(secondaryAuthToken);
        SecondaryAuthToken = secondaryAuthToken;
        Step = AuthTokenRotationStep.Validating;
        Touch(now);
    }

    /// <summary>Twilio accepts the secondary: the promotion is due after the propagation delay.</summary>
    public void SecondaryValidated(DateTimeOffset now)
    {
        RequireStep(AuthTokenRotationStep.Validating);
        now = Timestamps.Normalize(now);
        PromoteAfter = now.AddSeconds(PropagationDelaySeconds);
        Step = AuthTokenRotationStep.Waiting;
        Touch(now);
    }

    /// <summary>The promotion is about to be asked of Twilio (commit this before asking): no cancellation from here on.</summary>
    public void RequestPromotion(DateTimeOffset now)
    {
        if (Step == AuthTokenRotationStep.Waiting)
        {
            if (PromoteAfter is { } due && Timestamps.Normalize(now) < due)
            {
                throw new InvalidOperationException("The promotion is not due yet.");
            }

            Step = AuthTokenRotationStep.Promoting;
        }

        RequireStep(AuthTokenRotationStep.Promoting);
        PromotionRequestedAt ??= Timestamps.Normalize(now);
        Touch(now);
    }

    /// <summary>
    /// Twilio made the secondary the primary and the provider now holds it: the copy kept here is dropped, the provider is
    /// verified next.
    /// </summary>
    public void Promoted(DateTimeOffset now)
    {
        RequireStep(AuthTokenRotationStep.Promoting);
        if (PromotionRequestedAt is null)
        {
            throw new InvalidOperationException("A promotion is announced before it is made.");
        }

        SecondaryAuthToken = null;
        SecondaryRequestedAt = null;
        Step = AuthTokenRotationStep.Verifying;
        Touch(now);
    }

    public void Complete(DateTimeOffset now)
    {
        RequireStep(AuthTokenRotationStep.Verifying);
        Status = AuthTokenRotationStatus.Completed;
        Step = AuthTokenRotationStep.Done;
        CompletedAt = Timestamps.Normalize(now);
        Touch(now);
    }

    /// <summary>
    /// Stops a rotation whose promotion did not happen (before it was asked for, or when Twilio shows it cannot happen):
    /// the provider keeps its token. A secondary this rotation may have created is left for the clean-up
    /// (<see cref="CleanupPending"/>).
    /// </summary>
    public void Fail(string code, string message, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        if (!IsRunning || Step is AuthTokenRotationStep.Verifying or AuthTokenRotationStep.Done)
        {
            throw new InvalidOperationException("Only a running rotation that has not promoted can fail.");
        }

        FailureCode = code;
        FailureMessage = message.Length <= MaxFailureMessageLength ? message : message[..MaxFailureMessageLength];
        Stop(AuthTokenRotationStatus.Failed, now);
    }

    /// <summary>Cancels before the promotion; false when it is too late (the promotion was asked for) or it has ended.</summary>
    public bool Cancel(DateTimeOffset now)
    {
        if (!CanBeCancelled)
        {
            return false;
        }

        Stop(AuthTokenRotationStatus.Cancelled, now);
        return true;
    }

    /// <summary>The secondary a stopped rotation may have created is gone from Twilio (or was never there).</summary>
    public void CleanedUp(DateTimeOffset now)
    {
        SecondaryAuthToken = null;
        SecondaryRequestedAt = null;
        CleanupPending = false;
        Touch(now);
    }

    private void Stop(AuthTokenRotationStatus status, DateTimeOffset now)
    {
        Status = status;
        CompletedAt = Timestamps.Normalize(now);
        CleanupPending = SecondaryRequestedAt is not null || SecondaryAuthToken is not null;
        if (!CleanupPending)
        {
            SecondaryAuthToken = null;
        }

        Touch(now);
    }

    private void RequireStep(AuthTokenRotationStep step)
    {
        if (!IsRunning || Step != step)
        {
            throw new InvalidOperationException($"The rotation is {Status} at {Step}, not running at {step}.");
        }
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = Timestamps.Normalize(now);
        Version++;
    }

    private static void RequireProtected(ProtectedSecret secret)
    {
        if (secret.CipherText is null)
        {
            throw new ArgumentException("A secret must be protected before the rotation holds it.", nameof(secret));
        }
    }
}
