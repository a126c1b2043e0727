using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Providers;
using VoipProviders.Application.TwilioProviders.Jobs.AdvanceAuthTokenRotation;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Starts a rotation in the current unit of work: the rotation, the provider marked as rotating (its version moves, so a
/// credential change loaded before loses), the first step's job and the audit record are committed together.
/// </summary>
public sealed class AuthTokenRotationStarter(
    IAuthTokenRotations rotations,
    IBackgroundJobQueue jobs,
    ProviderChanges changes,
    TimeProvider timeProvider)
{
    /// <exception cref="Common.Exceptions.ConflictException">A rotation is running already (<c>rotation_in_progress</c>).</exception>
    public AuthTokenRotation Start(TwilioProvider provider, AuthTokenRotationTrigger trigger, int propagationDelaySeconds, TimeSpan startAfter = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        AuthTokenRotationConflicts.ThrowIfRotating(provider);
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
}
