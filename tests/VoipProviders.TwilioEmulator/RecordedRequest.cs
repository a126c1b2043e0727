namespace VoipProviders.TwilioEmulator;

/// <summary>One request received on a Twilio endpoint (admin <c>/_emulator/</c> calls are not recorded).</summary>
public sealed record RecordedRequest
{
    /// <summary>Arrival order, starting at 1; never reused, not even after <see cref="TwilioEmulatorState.Reset"/>.</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required TwilioOperation Operation { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    /// <summary>The raw query string including the leading '?', or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>The <c>X-Twilio-Original-Host</c> header, i.e. the host the SDK meant to call (e.g. api.dublin.ie1.twilio.com).</summary>
    public string? OriginalHost { get; init; }

    /// <summary>The Basic-auth user name (the account SID), if a parsable Basic header was sent.</summary>
    public string? AuthUser { get; init; }

    /// <summary>
    /// Whether the request passed the authentication rules (known account, its primary or secondary token, matching path
    /// account, active status).
    /// </summary>
    public bool Authenticated { get; init; }

    /// <summary>
    /// Which of the <see cref="AuthUser"/> account's Auth Tokens the Basic password matched when the request arrived, or null
    /// (no parsable header, unknown account, or neither token). Set even when another rule failed (e.g. a suspended account);
    /// a token promoted by this very request still counts as the one it matched (<see cref="EmulatedAuthTokenKind.Secondary"/>).
    /// </summary>
    public EmulatedAuthTokenKind? AuthTokenUsed { get; init; }

    /// <summary>Form fields as received (repeated keys joined with ',').</summary>
    public IReadOnlyDictionary<string, string> Form { get; init; } = new Dictionary<string, string>();

    /// <summary>The status sent (or being sent); 0 while the request is still waiting (latency, barrier) or when the connection was aborted.</summary>
    public int ResponseStatus { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The injected fault that shaped the response, if any.</summary>
    public EmulatedFault? Fault { get; init; }
}
