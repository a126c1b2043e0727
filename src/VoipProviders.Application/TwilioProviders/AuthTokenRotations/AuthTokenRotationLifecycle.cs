using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Providers;
using VoipProviders.Application.TwilioProviders.Jobs.AdvanceAuthTokenRotation;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpAuthTokenRotation;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>
/// A rotation's start and its stop before the promotion, each in the current unit of work, so that the rotation, the
/// provider it blocks (or no longer blocks), the jobs and the audit record are committed together.
/// </summary>
public sealed class AuthTokenRotationLifecycle(
    IAuthTokenRotations rotations,
    IBackgroundJobQueue jobs,
    ProviderChanges changes,
    IOptions<AuthTokenRotationOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Starts a rotation: the provider is marked as rotating (its version moves, so a credential change loaded before
    /// loses) and the first step's job is queued.
    /// </summary>
    /// <exception cref="Common.Exceptions.ConflictException">A rotation is running already (<c>rotation_in_progress</c>).</exception>
    public AuthTokenRotation Start(TwilioProvider provider, AuthTokenRotationTrigger trigger, int propagationDelaySeconds, TimeSpan startAfter = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        AuthTokenRotationConflicts.ThrowIfRotating(provider);
        RepairConflicts.ThrowIfRepairing(provider, timeProvider);
        var now = timeProvider.GetUtcNow();
        var rotation = AuthTokenRotation.Start(Guid.CreateVersion7(now), provider.Id, provider.OrganizationId, trigger, propagationDelaySeconds, now);
        provider.BeginAuthTokenRotation(rotation.Id, now);
        rotations.Add(rotation);
        jobs.Enqueue(new AdvanceAuthTokenRotationCommand(rotation.Id), now + startAfter);
        changes.Record(
            provider,
            AuditActions.AuthTokenRotationStarted,
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["rotationId"] = rotation.Id,
                ["trigger"] = AuthTokenRotationWords.Of(trigger),
                ["propagationDelaySeconds"] = propagationDelaySeconds,
                ["accountSid"] = provider.AccountSid.Value,
            });
        return rotation;
    }

    /// <summary>
    /// Records that <paramref name="rotation"/> stopped at <paramref name="step"/> before its promotion (it failed with
    /// <paramref name="failureCode"/>, or was cancelled): the provider no longer waits for it, the secondary it may have
    /// made is queued for deletion (once a create still on its way may have landed), and the audit record
    /// (<paramref name="action"/>) says where it stopped.
    /// </summary>
    public void Stopped(
        AuthTokenRotation rotation,
        TwilioProvider provider,
        AuthTokenRotationStep step,
        string action,
        DateTimeOffset now,
        string? failureCode = null)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(provider);
        provider.EndAuthTokenRotation(rotation.Id, now);
        if (rotation.CleanupPending)
        {
            // A create still on its way to Twilio would land after a delete made now: the clean-up waits for it.
            var createLandsBy = rotation.UnansweredSecondaryMayLandUntil(options.Value.SecondaryCreateSettleTime);
            jobs.Enqueue(new CleanUpAuthTokenRotationCommand(rotation.Id), createLandsBy > now ? createLandsBy.Value : now);
        }

        var details = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["rotationId"] = rotation.Id,
            ["step"] = AuthTokenRotationWords.Of(step),
        };
        if (failureCode is not null)
        {
            details["code"] = failureCode;
        }

        changes.Record(provider, action, details);
    }
}
