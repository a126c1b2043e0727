namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>
/// Body of <c>POST /_emulator/accounts</c>; everything optional (SID and token are generated when absent; no secondary token
/// unless <see cref="SecondaryAuthToken"/> is given).
/// </summary>
internal sealed record AdminAccountRequest(
    string? Sid, string? AuthToken, string? FriendlyName, EmulatedAccountStatus? Status, string? SecondaryAuthToken = null);
