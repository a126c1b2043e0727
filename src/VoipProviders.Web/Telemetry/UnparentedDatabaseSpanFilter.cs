using System.Diagnostics;
using OpenTelemetry;

namespace VoipProviders.Web.Telemetry;

/// <summary>
/// Drops database spans that belong to nothing: the scheduler's own polling and cluster check-ins (a few statements a
/// second per replica, each a trace of its own) would drown the traces of requests and jobs. A statement made for a
/// request, a message or a job has a parent and is kept. Runs before the exporters: clearing <c>Recorded</c> makes
/// them skip the span.
/// </summary>
internal sealed class UnparentedDatabaseSpanFilter : BaseProcessor<Activity>
{
    public const string NpgsqlSourceName = "Npgsql";

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.ParentSpanId == default && string.Equals(data.Source.Name, NpgsqlSourceName, StringComparison.Ordinal))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
