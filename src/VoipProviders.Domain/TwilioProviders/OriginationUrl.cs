namespace VoipProviders.Domain.TwilioProviders;

/// <summary>
/// An origination URL this module created on a provider's trunk (Twilio <c>OU…</c>): where Twilio sends the calls to the
/// provider's numbers. Only the ones the module created are kept; URLs the tenant added in the Console are never stored.
/// </summary>
public sealed record OriginationUrl(string Sid, string FriendlyName, string SipUrl, int Priority, int Weight, bool Enabled);
