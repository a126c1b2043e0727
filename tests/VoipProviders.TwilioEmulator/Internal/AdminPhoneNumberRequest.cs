namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Body of <c>POST /_emulator/accounts/{sid}/phone-numbers</c>.</summary>
internal sealed record AdminPhoneNumberRequest(string PhoneNumber, string? FriendlyName);
