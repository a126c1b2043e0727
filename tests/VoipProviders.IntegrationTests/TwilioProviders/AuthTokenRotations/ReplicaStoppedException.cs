using VoipProviders.Application.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>Ends a rotation's run where a test stops its replica.</summary>
public sealed class ReplicaStoppedException(AuthTokenRotationPoint point) : Exception($"The replica stopped at {point}.");
