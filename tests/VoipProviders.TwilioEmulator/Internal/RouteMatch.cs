namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>The operation a request maps to, with its path parameters.</summary>
internal sealed record RouteMatch(TwilioOperation Operation, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The account SID in an api v2010 path; null for trunking v1 and unknown routes.</summary>
    public string? PathAccountSid => Values.GetValueOrDefault("AccountSid");
}
