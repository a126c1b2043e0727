namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Body of <c>POST /_emulator/latency</c>, e.g. {"operation":"ListTrunks","latency":"00:00:00.250"}.</summary>
internal sealed record AdminLatencyRequest(TwilioOperation Operation, TimeSpan Latency);
