using System.Net.Http.Headers;
using System.Text;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>The user and password of an <c>Authorization: Basic</c> header.</summary>
internal sealed record BasicCredentials(string User, string Password)
{
    public static BasicCredentials? Parse(string? header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is not { Length: > 0 } encoded)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 ? null : new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
