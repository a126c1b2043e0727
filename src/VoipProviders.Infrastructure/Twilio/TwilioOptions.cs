using System.ComponentModel.DataAnnotations;
using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>Settings under <c>Twilio</c>.</summary>
[OptionsSection(SectionName)]
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>
    /// Per-product base URL overrides, e.g. <c>Twilio:BaseUrls:api = http://127.0.0.1:5081</c>. Requests for
    /// <c>{product}.twilio.com</c> (or <c>{product}.{edge}.{region}.twilio.com</c>) go there instead, path and query kept.
    /// For emulators and egress proxies.
    /// </summary>
    public Dictionary<string, string> BaseUrls { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Outside Development every <see cref="BaseUrls"/> entry must be https — the requests carry the tenant's Auth
    /// Token — unless this is set explicitly (emulators in test environments).
    /// </summary>
    public bool AllowInsecureBaseUrls { get; set; }

    /// <summary>
    /// Twilio calls in flight at once per Account SID on this replica. Further calls for that account wait their
    /// turn within their time budget (<c>Twilio:Resilience:TotalTimeout</c>) instead of provoking Twilio's 429s.
    /// </summary>
    [Range(1, 1000)]
    public int MaxConcurrentRequestsPerAccount { get; set; } = 20;

    /// <summary>
    /// Pages (of 1000) one list read follows at most; a list that goes on fails with <c>twilio_list_too_long</c>
    /// instead of being read on without end.
    /// </summary>
    [Range(1, 1000)]
    public int MaxListPages { get; set; } = DefaultMaxListPages;

    public const int DefaultMaxListPages = 20;

    /// <summary>
    /// How long a listing of an account's numbers read for <c>available-numbers</c> answers further requests of that
    /// provider on this replica; 0 keeps none (concurrent callers still share one read).
    /// </summary>
    [Range(0, 3600)]
    public int NumberListCacheSeconds { get; set; } = 30;

    /// <summary>Numbers all kept listings of this replica hold at most; a listing that does not fit is not kept.</summary>
    [Range(0, 10_000_000)]
    public int NumberListCacheMaxNumbers { get; set; } = 100_000;

    public TwilioResilienceOptions Resilience { get; set; } = new();
}
