namespace VoipProviders.Application.Twilio;

/// <summary>
/// A trunk as Twilio reports it when fetched: what verification compares with what the provider stores.
/// <paramref name="TransferMode"/> is Twilio's own value: <c>enable-all</c>, <c>disable-all</c> or <c>sip-only</c>;
/// <paramref name="Secure"/> is Twilio's <c>secure</c> (TLS signalling and SRTP media).
/// </summary>
public sealed record TwilioTrunkConfiguration(string Sid, string DomainName, string TransferMode, bool Secure = false)
{
    public const string TransferEnabled = "enable-all";
    public const string TransferDisabled = "disable-all";

    /// <summary>The TransferMode the module sets for a provider that does (or does not) support call transfer.</summary>
    public static string TransferModeFor(bool supportsCallTransfer) => supportsCallTransfer ? TransferEnabled : TransferDisabled;
}
