namespace VoipProviders.Application.Common.Auditing;

/// <summary>
/// The actor of an audited change, the network address the request came from and the request's trace id (neither for
/// jobs, which have no request).
/// </summary>
public sealed record AuditActor(AuditActorType Type, string Id, string? SourceAddress = null, string? TraceId = null)
{
    /// <summary>Used when a command comes through the in-process facade: another module of the monolith asked.</summary>
    public static readonly AuditActor InProcessModule = new(AuditActorType.System, "in-process-module");
}
