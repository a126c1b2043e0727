namespace VoipProviders.Application.TwilioProviders.Origination;

/// <summary>An origination URI setting: its rules, and the SIP URL it becomes for one provider.</summary>
internal static class OriginationUriTemplate
{
    /// <summary>Twilio's SipUrl is at most this long; the longest routing key must still fit.</summary>
    public const int MaxLength = 255;

    private const string TlsTransport = ";transport=tls";

    /// <summary>What is wrong with <paramref name="uri"/> as a setting, in words that complete "Uri …"; null when nothing.</summary>
    public static string? Problem(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return "is required.";
        }

        if (uri.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return "must not contain spaces or control characters.";
        }

        if (uri.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{uri}' uses sips:, which Twilio refuses: use sip: with ;transport=tls (and port 5061) for TLS.";
        }

        if (!uri.StartsWith("sip:", StringComparison.Ordinal))
        {
            return $"'{uri}' must be a sip: URI.";
        }

        var withoutPlaceholder = uri.Replace(OriginationUriSetting.RoutingKeyPlaceholder, string.Empty, StringComparison.Ordinal);
        if (withoutPlaceholder.Contains('{', StringComparison.Ordinal) || withoutPlaceholder.Contains('}', StringComparison.Ordinal))
        {
            return $"'{uri}' may hold no placeholder but {OriginationUriSetting.RoutingKeyPlaceholder}.";
        }

        var sample = For(uri, new string('a', 63), secure: false);
        if (sample.Length > MaxLength)
        {
            return $"'{uri}' is too long: with a routing key it must fit Twilio's {MaxLength} characters.";
        }

        var host = HostOf(sample);
        if (host.Length == 0 || !Uri.TryCreate(sample, UriKind.Absolute, out _) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return $"'{uri}' does not name a valid host.";
        }

        return null;
    }

    /// <summary>
    /// The SIP URL of a setting for one provider: the routing key in place, and on a secure trunk TLS transport (any other
    /// transport parameter replaced), as Twilio requires for secure trunking.
    /// </summary>
    public static string For(string uri, string routingKey, bool secure)
    {
        var url = uri.Replace(OriginationUriSetting.RoutingKeyPlaceholder, routingKey, StringComparison.Ordinal);
        if (!secure)
        {
            return url;
        }

        var parameters = url.Split(';');
        var kept = parameters.Where((part, index) => index == 0 || !part.StartsWith("transport=", StringComparison.OrdinalIgnoreCase));
        return string.Join(';', kept) + TlsTransport;
    }

    /// <summary>Whether <paramref name="sipUrl"/> asks for TLS transport.</summary>
    public static bool UsesTls(string sipUrl) => sipUrl.Contains(TlsTransport, StringComparison.OrdinalIgnoreCase);

    private static string HostOf(string sipUrl)
    {
        var rest = sipUrl["sip:".Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            rest = rest[(at + 1)..];
        }

        var end = rest.IndexOfAny([':', ';', '?']);
        return end < 0 ? rest : rest[..end];
    }
}
