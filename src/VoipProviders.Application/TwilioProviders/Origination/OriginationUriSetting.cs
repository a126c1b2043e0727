namespace VoipProviders.Application.TwilioProviders.Origination;

/// <summary>
/// One entry of <c>Sip:Origination:Uris</c>: a <c>sip:</c> URI (never <c>sips:</c>, which Twilio refuses: use
/// <c>;transport=tls</c>) that may hold <c>{routingKey}</c>, with Twilio's priority (lower wins) and weight (shares
/// calls among equal priorities).
/// </summary>
public sealed class OriginationUriSetting
{
    public const string RoutingKeyPlaceholder = "{routingKey}";
    public const int DefaultPriority = 10;
    public const int DefaultWeight = 10;

    public string? Uri { get; set; }

    public int Priority { get; set; } = DefaultPriority;

    public int Weight { get; set; } = DefaultWeight;
}
