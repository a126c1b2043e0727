namespace VoipProviders.Contracts.Providers;

/// <summary>One action a repair applied: what (<c>recreate_trunk</c>, <c>reattach_phone_number</c>, …) to which resource (a SID, a SIP URL or a username).</summary>
public sealed record RepairedAction(string Action, string Target);
