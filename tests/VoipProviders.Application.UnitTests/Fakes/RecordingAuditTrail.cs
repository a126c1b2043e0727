using System.Text.Json;
using VoipProviders.Application.Common.Auditing;

namespace VoipProviders.Application.UnitTests.Fakes;

public sealed class RecordingAuditTrail : IAuditTrail
{
    public List<AuditEntry> Recorded { get; } = [];

    public List<AuditEntry> Refusals { get; } = [];

    public void Record(AuditEntry entry)
    {
        lock (Recorded)
        {
            Recorded.Add(entry);
        }
    }

    public Task RecordRefusalAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        lock (Refusals)
        {
            Refusals.Add(entry);
        }

        return Task.CompletedTask;
    }

    /// <summary>Every record's details as JSON, the way the trail stores them: for asserting no secret is in them.</summary>
    public string DetailsJson() =>
        JsonSerializer.Serialize(Recorded.Concat(Refusals).Select(entry => entry.Details).ToList());
}
