namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Body of <c>POST /_emulator/faults</c>, e.g. {"operation":"CreateTrunk","faults":[{"status":503},{"status":429,"retryAfter":"1"}]}.</summary>
internal sealed record AdminFaultRequest(TwilioOperation Operation, IReadOnlyList<EmulatedFault> Faults);
