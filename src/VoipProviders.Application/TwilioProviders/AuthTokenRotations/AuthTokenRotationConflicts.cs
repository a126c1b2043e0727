using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>The conflicts of managed rotations (409).</summary>
public static class AuthTokenRotationConflicts
{
    /// <summary>
    /// Refuses a credential change, a start or a deletion while a rotation runs: the rotation would promote a secondary
    /// made for the token it started with.
    /// </summary>
    public static void ThrowIfRotating(TwilioProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (provider.ActiveAuthTokenRotationId is { } running)
        {
            throw new ConflictException(
                AuthTokenRotationRules.RotationInProgressCode,
                $"A managed Auth Token rotation ({running}) is running for this provider. Nothing was changed; wait for it to end, or cancel it before its promotion.");
        }
    }

    public static ConflictException PromotionStarted() =>
        new(AuthTokenRotationRules.RotationPromotingCode, "The rotation has asked Twilio to promote the secondary Auth Token: it can no longer be cancelled, and finishes by itself.");

    public static ConflictException Ended(string status) =>
        new(AuthTokenRotationRules.RotationEndedCode, $"The rotation has already ended ({status}); there is nothing to cancel.");
}
