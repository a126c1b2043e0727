using System.Text.Json;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>A drift planned and repaired: the dry run's plan, the apply's answer and the Twilio writes the apply made.</summary>
public sealed record RepairRun(JsonElement Plan, JsonElement Applied, IReadOnlyList<RecordedRequest> Writes)
{
    /// <summary>The writes of one operation, in the order they were made.</summary>
    public IReadOnlyList<RecordedRequest> WritesOf(TwilioOperation operation) => [.. Writes.Where(w => w.Operation == operation)];
}
