namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>Tells the scheduler that a commit put jobs into the outbox, so they are dispatched now rather than at the next poll.</summary>
internal interface IOutboxNotifier
{
    /// <summary>Best effort: never throws (the next poll dispatches the jobs anyway).</summary>
    Task NotifyAsync();
}
