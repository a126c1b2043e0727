namespace VoipProviders.Application.TwilioProviders.AuthTokenRotations;

/// <summary>Why a rotation failed: a machine-readable code and words for the tenant (never a secret).</summary>
public sealed record AuthTokenRotationFailureResponse(string Code, string Message);
