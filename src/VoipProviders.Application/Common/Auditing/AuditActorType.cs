namespace VoipProviders.Application.Common.Auditing;

/// <summary>Who made a change: a person (token subject), a platform service (client id) or the module itself (job name).</summary>
public enum AuditActorType
{
    User,
    Service,
    System,
}
