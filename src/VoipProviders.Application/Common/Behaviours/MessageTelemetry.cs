using System.Diagnostics;

namespace VoipProviders.Application.Common.Behaviours;

/// <summary>
/// The mediator pipeline's spans: source <c>VoipProviders.Application</c>, one span per command, query or background
/// job, named by the message's type (<c>RotateTwilioAuthTokenCommand</c>). Plain System.Diagnostics: the host decides
/// whether anything listens (ADR-020).
/// </summary>
public static class MessageTelemetry
{
    public const string SourceName = "VoipProviders.Application";

    /// <summary><c>command</c>, <c>query</c> or <c>job</c>.</summary>
    public const string KindTag = "voip_providers.message.kind";

    /// <summary>The outcome: <c>ok</c>, the contract's error code (<c>twilio_unavailable</c>, <c>not_found</c>, …), <c>cancelled</c> or <c>error</c>.</summary>
    public const string OutcomeTag = "voip_providers.outcome";

    public static readonly ActivitySource ActivitySource = new(SourceName);
}
