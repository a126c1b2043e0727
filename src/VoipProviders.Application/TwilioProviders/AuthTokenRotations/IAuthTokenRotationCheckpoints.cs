namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Told each time a rotation passes one of its <see cref="AuthTokenRotationPoint"/>s. Production does nothing here; the
/// tests stop a replica at each point (a throw from here ends the run with nothing more done, as a crash would) and check
/// that the rotation resumes on another replica with a working token at every moment.
/// </summary>
public interface IAuthTokenRotationCheckpoints
{
    ValueTask PassedAsync(AuthTokenRotationPoint point, Guid rotationId, CancellationToken cancellationToken);
}
