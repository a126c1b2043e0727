using VoipProviders.Application.Common.Messaging;

namespace VoipProviders.Application.Common.BackgroundJobs;

/// <summary>
/// Marks a command that runs later, durably and once across all replicas: enqueued through
/// <see cref="IBackgroundJobQueue"/> in the transaction of the change that causes it, it survives restarts and is
/// retried with backoff while its handler answers <see cref="BackgroundJobOutcome.RetryLater"/>.
/// A job is a record implementing <c>ICommand&lt;BackgroundJobOutcome&gt;</c>, named with
/// <see cref="BackgroundJobAttribute"/>, carrying ids only — never a secret; its handler reads what it needs when it runs.
/// A job carries no organization: it is a <see cref="IModuleInternalCommand"/>, which other modules cannot send.
/// </summary>
public interface IBackgroundJob : IModuleInternalCommand;
