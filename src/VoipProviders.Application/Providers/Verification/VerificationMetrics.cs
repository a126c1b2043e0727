using System.Diagnostics.Metrics;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Verification;

/// <summary>
/// How verification runs end (meter <c>VoipProviders.Verification</c>): by trigger and result — the status stored
/// (<c>verified</c>, <c>warning</c>, <c>failed</c>), <c>inconclusive</c> (the upstream service unavailable, nothing
/// stored) or <c>stale</c> (the provider changed during the run, nothing stored). Never a provider or account.
/// </summary>
public sealed class VerificationMetrics : IDisposable
{
    public const string MeterName = "VoipProviders.Verification";
    public const string TriggerTag = "voip_providers.verification.trigger";
    public const string ResultTag = "voip_providers.verification.result";

    private readonly Meter _meter;
    private readonly Counter<long> _runs;

    public VerificationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _runs = _meter.CreateCounter<long>("voip_providers.verification.runs", "{run}", "Verification runs that ended, by trigger and result.");
    }

    public void Verified(VerificationTrigger trigger, VerificationStatus status) => Ended(trigger, status switch
    {
        VerificationStatus.Verified => "verified",
        VerificationStatus.Warning => "warning",
        VerificationStatus.Failed => "failed",
        _ => "pending",
    });

    public void Inconclusive(VerificationTrigger trigger) => Ended(trigger, "inconclusive");

    public void Stale(VerificationTrigger trigger) => Ended(trigger, "stale");

    public void Dispose() => _meter.Dispose();

    private void Ended(VerificationTrigger trigger, string result) =>
        _runs.Add(1, new KeyValuePair<string, object?>(TriggerTag, TriggerName(trigger)), new KeyValuePair<string, object?>(ResultTag, result));

    private static string TriggerName(VerificationTrigger trigger) => trigger switch
    {
        VerificationTrigger.Manual => "manual",
        VerificationTrigger.AfterChange => "after_change",
        VerificationTrigger.Scheduled => "scheduled",
        VerificationTrigger.Repair => "repair",
        _ => "other",
    };
}
