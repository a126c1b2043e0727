using System.Diagnostics.CodeAnalysis;

namespace VoipProviders.Domain.TwilioProviders;

/// <summary>
/// A Twilio edge location a provider's SIP traffic enters through. The code is Twilio's legacy region id
/// (us1, ie1, …); the edge is the localized termination host label (ashburn, dublin, …).
/// </summary>
public sealed class TwilioRegion
{
    public static readonly TwilioRegion Us1 = new("us1", "ashburn");
    public static readonly TwilioRegion Us2 = new("us2", "umatilla");
    public static readonly TwilioRegion Ie1 = new("ie1", "dublin");
    public static readonly TwilioRegion De1 = new("de1", "frankfurt");
    public static readonly TwilioRegion Au1 = new("au1", "sydney");
    public static readonly TwilioRegion Jp1 = new("jp1", "tokyo");
    public static readonly TwilioRegion Br1 = new("br1", "sao-paulo");
    public static readonly TwilioRegion Sg1 = new("sg1", "singapore");

    public static readonly TwilioRegion Default = Us1;

    public static IReadOnlyList<TwilioRegion> All { get; } = [Us1, Us2, Ie1, De1, Au1, Jp1, Br1, Sg1];

    public static IReadOnlyList<string> Codes { get; } = [.. All.Select(r => r.Code)];

    private TwilioRegion(string code, string edge)
    {
        Code = code;
        Edge = edge;
    }

    public string Code { get; }

    public string Edge { get; }

    public static bool TryFromCode(string? code, [NotNullWhen(true)] out TwilioRegion? region)
    {
        region = All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal));
        return region is not null;
    }

    public static TwilioRegion FromCode(string code) =>
        TryFromCode(code, out var region)
            ? region
            : throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown Twilio region code.");

    public override string ToString() => Code;
}
