namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>Production's checkpoints: nothing happens at them.</summary>
public sealed class NoAuthTokenRotationCheckpoints : IAuthTokenRotationCheckpoints
{
    public ValueTask PassedAsync(AuthTokenRotationPoint point, Guid rotationId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
