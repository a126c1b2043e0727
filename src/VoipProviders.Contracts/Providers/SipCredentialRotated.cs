namespace VoipProviders.Contracts.Providers;

/// <summary>
/// The trunk's SIP credential was rotated: the dial-out route changed. Fetch it again (<c>GetDialOutRouteQuery</c>);
/// a cached route with a lower <see cref="CredentialVersion"/> is stale. Carries no password.
/// </summary>
public sealed record SipCredentialRotated(string SipUsername, int CredentialVersion) : IntegrationEvent;
