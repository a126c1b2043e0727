namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Association of a credential list with a trunk (trunking v1 CredentialLists subresource).</summary>
internal sealed record TrunkCredentialListLink(string TrunkSid, string CredentialListSid, DateTimeOffset DateCreated);
