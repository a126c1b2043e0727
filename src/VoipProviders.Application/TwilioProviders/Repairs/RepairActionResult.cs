namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>What became of one action of an applied plan: <see cref="RepairOutcomes"/>, and why when not applied.</summary>
public sealed record RepairActionResult(string Action, string Target, string Outcome, string? Error);
