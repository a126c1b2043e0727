namespace VoipProviders.Application.Auditing;

/// <summary>
/// Who made an audited change: <c>user</c> with the token's subject, <c>service</c> with its client id, or <c>system</c>
/// with the job's name; the address the request came from (none for jobs).
/// </summary>
public sealed record AuditEventActorResponse(string Type, string Id, string? SourceAddress);
