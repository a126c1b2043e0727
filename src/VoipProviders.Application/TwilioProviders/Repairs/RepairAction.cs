using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>
/// One step of a repair plan: what it does (<see cref="RepairActionNames"/>), to which resource, and why.
/// <see cref="OriginationUrl"/> carries the settings an origination action sets.
/// </summary>
public sealed record RepairAction(string Action, string Target, string Reason, bool Disruptive = false)
{
    /// <summary>The URL an origination action creates or sets.</summary>
    public TwilioOriginationUrlSpec? OriginationUrl { get; init; }

    public bool IsManual => Action == RepairActionNames.Manual;
}
