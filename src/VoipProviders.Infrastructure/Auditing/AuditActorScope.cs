using VoipProviders.Application.Common.Auditing;

namespace VoipProviders.Infrastructure.Auditing;

/// <summary>
/// The actor of the current DI scope when it is the module itself: set by the job runners to <c>system</c> with the
/// job's name. Otherwise the host's provider decides (the request's token), or the in-process facade's caller.
/// </summary>
public sealed class AuditActorScope : IAuditActorProvider
{
    public AuditActor? SystemActor { get; private set; }

    public AuditActor Current => SystemActor ?? AuditActor.InProcessModule;

    public void RunAsJob(string jobName) => SystemActor = new AuditActor(AuditActorType.System, jobName);
}
