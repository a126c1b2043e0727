namespace VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

/// <summary>The codes a managed rotation refuses or fails with.</summary>
public static class AuthTokenRotationRules
{
    /// <summary>A rotation is running: another one, or a credential change or deletion, must wait.</summary>
    public const string RotationInProgressCode = "rotation_in_progress";

    /// <summary>The rotation asked Twilio for the promotion: it can no longer be cancelled.</summary>
    public const string RotationPromotingCode = "rotation_promotion_started";

    /// <summary>The rotation completed or failed: there is nothing to cancel.</summary>
    public const string RotationEndedCode = "rotation_ended";

    /// <summary>The account has a secondary token the module did not create; it is left alone.</summary>
    public const string SecondaryTokenExistsCode = "twilio_secondary_token_exists";

    /// <summary>Twilio did not accept the secondary token it had just made.</summary>
    public const string SecondaryTokenRejectedCode = "twilio_secondary_token_rejected";

    /// <summary>Twilio refused the provider's stored token before the promotion (someone rotated it outside the module).</summary>
    public const string StoredTokenRejectedCode = "twilio_credentials_rejected";

    /// <summary>Twilio kept failing (5xx, 429, timeouts) until the step's retries were spent.</summary>
    public const string TwilioUnavailableCode = "twilio_unavailable";

    /// <summary>The account is suspended or closed.</summary>
    public const string AccountNotActiveCode = "twilio_account_not_active";
}
