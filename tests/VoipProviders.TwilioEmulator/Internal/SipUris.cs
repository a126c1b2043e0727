using System.Collections.Frozen;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>The bits of SIP URI handling the call probes need (no full RFC 3261 parser).</summary>
internal static class SipUris
{
    private const string PstnSuffix = ".pstn.twilio.com";
    private const string TwilioSuffix = ".twilio.com";

    /// <summary>
    /// Edges a localized termination URI <c>{name}.pstn.{edge}.twilio.com</c> may name: the current edge names and the legacy
    /// region IDs (Twilio's localized termination URI list). Interconnect edges (<c>ashburn-ix</c>, ...) are any label ending in <c>-ix</c>.
    /// </summary>
    private static readonly FrozenSet<string> Edges = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "ashburn", "umatilla", "dublin", "frankfurt", "singapore", "tokyo", "osaka", "sao-paulo", "sydney",
        "us1", "us2", "ie1", "de1", "sg1", "jp1", "jp2", "br1", "au1");

    /// <summary>Whether the URI carries a <c>transport=tls</c> parameter (case-insensitive, before any <c>?headers</c>).</summary>
    public static bool UsesTls(string sipUrl) =>
        sipUrl.Split('?', 2)[0].Split(';').Skip(1).Any(p => string.Equals(p.Trim(), "transport=tls", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The host of a termination target: drops a <c>sip:</c>/<c>sips:</c> scheme, a <c>user@</c> part, <c>;params</c>,
    /// <c>?headers</c>, a <c>:port</c> and a trailing dot, and lower-cases it
    /// (<c>sip:vp-abc.pstn.dublin.twilio.com:5061;transport=tls</c> → <c>vp-abc.pstn.dublin.twilio.com</c>).
    /// </summary>
    public static string Host(string target)
    {
        var host = target.Trim();
        foreach (var scheme in (string[])["sips:", "sip:"])
        {
            if (host.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                host = host[scheme.Length..];
                break;
            }
        }

        host = host.Split('?', 2)[0].Split(';', 2)[0];
        host = host[(host.LastIndexOf('@') + 1)..];
        host = host.Split(':', 2)[0];
        return host.TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>
    /// Whether <paramref name="host"/> (see <see cref="Host"/>) reaches the trunk with <paramref name="domainName"/>:
    /// the domain itself (<c>x.pstn.twilio.com</c>) or a localized form of it (<c>x.pstn.{edge}.twilio.com</c>).
    /// </summary>
    public static bool IsTerminationHostOf(string? domainName, string host)
    {
        if (domainName is null)
        {
            return false;
        }

        if (string.Equals(domainName, host, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!domainName.EndsWith(PstnSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var prefix = domainName[..^PstnSuffix.Length] + ".pstn.";
        if (host.Length <= prefix.Length + TwilioSuffix.Length
            || !host.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || !host.EndsWith(TwilioSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var edge = host[prefix.Length..^TwilioSuffix.Length];
        return Edges.Contains(edge) || IsInterconnectEdge(edge);
    }

    private static bool IsInterconnectEdge(string edge) =>
        edge.Length > "-ix".Length
        && edge.EndsWith("-ix", StringComparison.OrdinalIgnoreCase)
        && edge.All(c => char.IsAsciiLetter(c) || c == '-');
}
