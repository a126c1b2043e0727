namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>A row of voip_providers.auth_token_rotations as stored.</summary>
internal sealed record RotationRow(
    Guid Id,
    string Status,
    string Step,
    string? FailureCode,
    string? SecondaryCipherText,
    bool SecondaryRequested,
    bool PromotionRequested,
    bool CleanupPending);
