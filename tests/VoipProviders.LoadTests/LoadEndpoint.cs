namespace VoipProviders.LoadTests;

/// <summary>The endpoints the benchmark drives, in the order it measures them.</summary>
internal enum LoadEndpoint
{
    /// <summary><c>GET /api/v1/providers/{id}</c>.</summary>
    Get,

    /// <summary><c>GET /api/v1/providers</c> (default page: skip 0, take 20).</summary>
    List,

    /// <summary><c>PATCH /api/v1/providers/twilio/{id}/auth-token</c> with If-Match.</summary>
    PatchAuthToken,

    /// <summary><c>POST /api/v1/providers/twilio/{id}/verify</c>.</summary>
    Verify,

    /// <summary>
    /// <c>GET /internal/v1/inbound-calls/resolve?calledNumber=…&amp;routingKey=…</c> (issue #18) with a service token: a
    /// seeded provider's imported number and its routing key.
    /// </summary>
    ResolveInboundCall,
}

/// <summary>Names and targets of <see cref="LoadEndpoint"/>.</summary>
internal static class LoadEndpoints
{
    public static string OptionName(this LoadEndpoint endpoint) => endpoint switch
    {
        LoadEndpoint.Get => "get",
        LoadEndpoint.List => "list",
        LoadEndpoint.PatchAuthToken => "patch",
        LoadEndpoint.Verify => "verify",
        LoadEndpoint.ResolveInboundCall => "resolve",
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };

    public static string Route(this LoadEndpoint endpoint) => endpoint switch
    {
        LoadEndpoint.Get => "GET /api/v1/providers/{id}",
        LoadEndpoint.List => "GET /api/v1/providers",
        LoadEndpoint.PatchAuthToken => "PATCH /api/v1/providers/twilio/{id}/auth-token",
        LoadEndpoint.Verify => "POST /api/v1/providers/twilio/{id}/verify",
        LoadEndpoint.ResolveInboundCall => "GET /internal/v1/inbound-calls/resolve",
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };

    /// <summary>
    /// The issues' throughput target as a share of the reference's, or null where they set none (verify): #9 for GET,
    /// list and PATCH; #18 for the inbound resolution ("indexed lookups only: ≥ 0.9× of the reference server doing the
    /// same indexed SELECT, p99 within 1.3×").
    /// </summary>
    public static double? ThroughputTarget(this LoadEndpoint endpoint) => endpoint switch
    {
        LoadEndpoint.Get => 0.85,
        LoadEndpoint.List => 0.80,
        LoadEndpoint.PatchAuthToken => 0.90,
        LoadEndpoint.ResolveInboundCall => 0.90,
        _ => null,
    };

    /// <summary>The p99 target: at most this multiple of the reference's p99 (for the endpoints with a throughput target).</summary>
    public static double? P99Target(this LoadEndpoint endpoint) => endpoint.ThroughputTarget() is null ? null : 1.3;

    /// <summary>Reads that claim no provider: they never conflict with each other.</summary>
    public static bool IsRead(this LoadEndpoint endpoint) => endpoint is LoadEndpoint.Get or LoadEndpoint.List or LoadEndpoint.ResolveInboundCall;

    public static LoadEndpoint Parse(string name) =>
        Enum.GetValues<LoadEndpoint>().FirstOrDefault(e => string.Equals(e.OptionName(), name.Trim(), StringComparison.OrdinalIgnoreCase), (LoadEndpoint)(-1)) is var endpoint
            && Enum.IsDefined(endpoint)
            ? endpoint
            : throw new ArgumentException($"Unknown endpoint '{name}' (get, list, patch, verify, resolve).");
}
