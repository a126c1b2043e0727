using VoipProviders.Application.Common.Configuration;

namespace VoipProviders.Web.Telemetry;

/// <summary>
/// Settings under <c>Telemetry</c>. Export itself is configured by the standard <c>OTEL_*</c> variables (ADR-020):
/// with an OTLP endpoint set, traces, metrics and logs are collected and exported; without one, nothing is collected.
/// </summary>
[OptionsSection(SectionName)]
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Collect traces and metrics even without an OTLP endpoint — for an exporter the host adds itself (the tests'
    /// in-memory one). Off by default: with nothing to export to, collecting would only cost.
    /// </summary>
    public bool Enabled { get; set; }
}
