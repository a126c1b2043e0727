namespace VoipProviders.Infrastructure.Twilio;

/// <summary>A Twilio operation as telemetry names it: product (<c>trunking</c>), operation (<c>trunks.update</c>) and span name.</summary>
internal sealed record CallName(string Product, string Operation, string SpanName);
