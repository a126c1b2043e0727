namespace VoipProviders.Application.Common.Auditing;

/// <summary>Who is making the current change: the request's token, or the background job running it.</summary>
public interface IAuditActorProvider
{
    AuditActor Current { get; }
}
