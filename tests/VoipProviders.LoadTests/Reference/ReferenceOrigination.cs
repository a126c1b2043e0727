using System.Globalization;

namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// The origination URLs every trunk should have under <c>Sip:Origination:Uris</c> (issue #18), as the project's
/// OriginationPlan derives them: one per entry, in order, named "VoipProviders origination {n}", the routing key in place
/// of <c>{routingKey}</c>, TLS transport on a secure trunk, priority and weight 10 unless set, enabled.
/// </summary>
internal sealed class ReferenceOrigination
{
    public const string FriendlyNamePrefix = "VoipProviders origination ";

    private const string RoutingKeyPlaceholder = "{routingKey}";
    private const string TlsTransport = ";transport=tls";
    private const int DefaultPriority = 10;
    private const int DefaultWeight = 10;

    private readonly List<(string Uri, int Priority, int Weight)> _settings = [];

    public ReferenceOrigination(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var entry in configuration.GetSection("Sip:Origination:Uris").GetChildren().OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
        {
            _settings.Add((
                entry["Uri"] ?? throw new InvalidOperationException($"Sip:Origination:Uris:{entry.Key}:Uri is required."),
                entry["Priority"] is { } priority ? int.Parse(priority, CultureInfo.InvariantCulture) : DefaultPriority,
                entry["Weight"] is { } weight ? int.Parse(weight, CultureInfo.InvariantCulture) : DefaultWeight));
        }
    }

    public IReadOnlyList<Spec> DesiredFor(string routingKey, bool secure) =>
    [
        .. _settings.Select((setting, index) => new Spec(
            FriendlyNamePrefix + (index + 1).ToString(CultureInfo.InvariantCulture),
            SipUrlFor(setting.Uri, routingKey, secure),
            setting.Priority,
            setting.Weight,
            Enabled: true)),
    ];

    private static string SipUrlFor(string uri, string routingKey, bool secure)
    {
        var url = uri.Replace(RoutingKeyPlaceholder, routingKey, StringComparison.Ordinal);
        return secure
            ? string.Join(';', url.Split(';').Where((part, index) => index == 0 || !part.StartsWith("transport=", StringComparison.OrdinalIgnoreCase))) + TlsTransport
            : url;
    }

    /// <summary>An origination URL, desired or as Twilio lists it.</summary>
    public sealed record Spec(string FriendlyName, string SipUrl, int Priority, int Weight, bool Enabled, string? Sid = null);
}
