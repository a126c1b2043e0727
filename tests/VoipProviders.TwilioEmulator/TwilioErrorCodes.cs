namespace VoipProviders.TwilioEmulator;

/// <summary>Twilio error codes the emulator puts in the <c>code</c> field of its JSON error bodies.</summary>
public static class TwilioErrorCodes
{
    /// <summary>Invalid or missing parameter (also used for duplicate associations and weak SIP passwords).</summary>
    public const int InvalidParameter = 20001;

    /// <summary>Authentication failed: bad header, unknown account, wrong token, foreign account path, or suspended/closed account.</summary>
    public const int Authenticate = 20003;

    /// <summary>The requested resource was not found.</summary>
    public const int NotFound = 20404;

    /// <summary>Conflict: the account already has a secondary Auth Token (the emulator's choice; Twilio does not document it).</summary>
    public const int Conflict = 20409;

    /// <summary>Too many requests (REST concurrency limit).</summary>
    public const int TooManyRequests = 20429;

    /// <summary>The trunk DomainName is not a valid <c>*.pstn.twilio.com</c> name.</summary>
    public const int InvalidTrunkDomainName = 21245;

    /// <summary>The trunk DomainName is already used by another trunk (in any account).</summary>
    public const int TrunkDomainAlreadyTaken = 21248;

    /// <summary>
    /// Inbound (origination) call failed: the number is not on a trunk, or its trunk has no enabled origination URL
    /// (see <see cref="TwilioEmulatorState.RouteInboundCall"/>).
    /// </summary>
    public const int NoActiveOriginationUrl = 32010;

    /// <summary>
    /// Inbound (origination) call could not be forwarded: the trunk is Secure (TLS + SRTP) but an origination URL it would
    /// use has no <c>;transport=tls</c> (the emulator's choice of code for this case; see README).
    /// </summary>
    public const int OriginationTlsRequired = 32011;

    /// <summary>The <c>more_info</c> URL Twilio sends for an error code.</summary>
    public static string MoreInfo(int code) => $"https://www.twilio.com/docs/errors/{code}";
}
