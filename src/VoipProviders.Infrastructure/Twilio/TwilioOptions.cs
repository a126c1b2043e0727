namespace VoipProviders.Infrastructure.Twilio;

/// <summary>Settings under <c>Twilio</c>.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>
    /// Per-product base URL overrides, e.g. <c>Twilio:BaseUrls:api = http://127.0.0.1:5081</c>. Requests for
    /// <c>{product}.twilio.com</c> (or <c>{product}.{edge}.{region}.twilio.com</c>) go there instead, path and query kept.
    /// For emulators and egress proxies.
    /// </summary>
    public Dictionary<string, string> BaseUrls { get; } = new(StringComparer.OrdinalIgnoreCase);

    public TwilioResilienceOptions Resilience { get; set; } = new();
}
