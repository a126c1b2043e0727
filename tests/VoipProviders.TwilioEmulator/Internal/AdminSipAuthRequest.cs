namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Body of <c>POST /_emulator/sip-auth</c>, e.g. {"terminationHost":"vp-abc.pstn.dublin.twilio.com","username":"u","password":"p"}.</summary>
internal sealed record AdminSipAuthRequest(string? TerminationHost, string? Username, string? Password);
