namespace VoipProviders.TwilioEmulator;

/// <summary>
/// Where Twilio Elastic SIP Trunking would send an inbound call to <see cref="PhoneNumber"/> (origination), as computed by
/// <see cref="TwilioEmulatorState.RouteInboundCall"/>: the number's trunk and the enabled origination URLs with the lowest
/// Priority value, among which Twilio splits calls by Weight.
/// </summary>
public sealed record InboundCallRoute
{
    /// <summary>The dialled number (E.164).</summary>
    public required string PhoneNumber { get; init; }

    /// <summary>The incoming number (PN...) with that E.164 number, or null when no account has it.</summary>
    public string? PhoneNumberSid { get; init; }

    /// <summary>The trunk the number is attached to, or null.</summary>
    public string? TrunkSid { get; init; }

    /// <summary>Whether that trunk is Secure (TLS signalling and SRTP media): then every candidate needs <c>;transport=tls</c>.</summary>
    public bool Secure { get; init; }

    /// <summary>
    /// Null when the call would be forwarded; otherwise <see cref="TwilioErrorCodes.NotFound"/> (no account has the number),
    /// <see cref="TwilioErrorCodes.NoActiveOriginationUrl"/> (32010: no trunk, or no enabled origination URL) or
    /// <see cref="TwilioErrorCodes.OriginationTlsRequired"/> (32011: a Secure trunk and a candidate without <c>;transport=tls</c>).
    /// </summary>
    public int? ErrorCode { get; init; }

    /// <summary>Why the call would fail, or null.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>
    /// The enabled origination URLs with the lowest Priority value (lower value = higher priority), in creation order; each one's
    /// Weight is its share of the traffic among them. Empty when there is no trunk or no enabled URL; still filled for 32011.
    /// </summary>
    public IReadOnlyList<EmulatedOriginationUrl> Candidates { get; init; } = [];

    /// <summary>On a Secure trunk, the SIDs of the candidates whose SipUrl lacks <c>;transport=tls</c> (the 32011 cause); otherwise empty.</summary>
    public IReadOnlyList<string> CandidatesWithoutTls { get; init; } = [];

    /// <summary>True when Twilio would forward the call to one of <see cref="Candidates"/> (<see cref="ErrorCode"/> is null).</summary>
    public bool Routable => ErrorCode is null;
}
