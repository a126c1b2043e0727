using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>
/// What a repair of a provider would do now, computed from a fresh look at its Twilio account. Its
/// <see cref="PlanId"/> is derived from the provider, the version it was made for and every action, so a plan made
/// again from the same state has the same id, and any change in between gives another.
/// </summary>
public sealed record RepairPlan(Guid PlanId, long BasedOnVersion, IReadOnlyList<RepairAction> Actions)
{
    public bool IsDisruptive => Actions.Any(a => a.Disruptive);

    /// <summary>The actions the module can apply (every one but the manual findings).</summary>
    public IReadOnlyList<RepairAction> Repairs => [.. Actions.Where(a => !a.IsManual)];

    public static RepairPlan For(Guid providerId, long basedOnVersion, IReadOnlyList<RepairAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var canonical = new StringBuilder()
            .Append(providerId.ToString("N")).Append('\n')
            .Append(basedOnVersion.ToString(CultureInfo.InvariantCulture));
        foreach (var action in actions)
        {
            canonical.Append('\n').Append(action.Action).Append('|').Append(action.Target).Append('|')
                .Append(action.Disruptive ? '1' : '0').Append('|').Append(action.Reason);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom), little-endian layout of Guid(byte[])
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new RepairPlan(new Guid(bytes), basedOnVersion, actions);
    }
}
