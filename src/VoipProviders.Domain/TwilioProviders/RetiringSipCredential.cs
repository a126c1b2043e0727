namespace VoipProviders.Domain.TwilioProviders;

/// <summary>
/// The SIP credential a rotation replaced: it still authenticates until <see cref="Until"/>, so calls being set up with it
/// are not refused, and is deleted from the credential list after that.
/// </summary>
public sealed record RetiringSipCredential(string Sid, string Username, DateTimeOffset Until);
