using System.Diagnostics.Metrics;
using VoipProviders.Application.Common.Idempotency;

namespace VoipProviders.Web.Http;

/// <summary>What requests with an <c>Idempotency-Key</c> found (meter <c>VoipProviders.Idempotency</c>).</summary>
internal sealed class IdempotencyMetrics : IDisposable
{
    public const string MeterName = "VoipProviders.Idempotency";

    private const string OutcomeTag = "voip_providers.idempotency.outcome";

    private static readonly KeyValuePair<string, object?> Started = new(OutcomeTag, "started");
    private static readonly KeyValuePair<string, object?> Replayed = new(OutcomeTag, "replayed");
    private static readonly KeyValuePair<string, object?> InProgress = new(OutcomeTag, "in_progress");
    private static readonly KeyValuePair<string, object?> KeyReused = new(OutcomeTag, "key_reused");

    private readonly Meter _meter;
    private readonly Counter<long> _requests;

    public IdempotencyMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>(
            "voip_providers.idempotency.requests",
            "{request}",
            "Requests with a valid Idempotency-Key, by what the key's record said: started (ran), replayed (answered from the stored response), in_progress (409), key_reused (422).");
    }

    public void KeyUsed(IdempotencyOutcome outcome) => _requests.Add(1, outcome switch
    {
        IdempotencyOutcome.Completed => Replayed,
        IdempotencyOutcome.InProgress => InProgress,
        IdempotencyOutcome.Mismatch => KeyReused,
        _ => Started,
    });

    public void Dispose() => _meter.Dispose();
}
