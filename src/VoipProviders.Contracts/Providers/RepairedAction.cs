namespace VoipProviders.Contracts.Providers;

/// <summary>One action a repair applied: what (<c>recreate_trunk</c>, <c>reattach_phone_number</c>, …) to which resource (a SID or a SIP URL).</summary>
public sealed record RepairedAction(string Action, string Target);
