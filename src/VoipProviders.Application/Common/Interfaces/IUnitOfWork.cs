namespace VoipProviders.Application.Common.Interfaces;

/// <summary>
/// Commits a command's changes once, after its handler returned. Side effects outside the database (resources created
/// in Twilio) register a compensation that runs when the command does not commit.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>Registers an undo step for an external side effect. Runs, newest first, if the command fails.</summary>
    void RegisterCompensation(string description, Func<CancellationToken, Task> compensation);

    /// <summary>
    /// Registers work that must happen only once the changes are committed (telling other modules about them). It
    /// runs after a successful commit, in registration order, best effort; it never runs when the command fails.
    /// </summary>
    void OnCommitted(string description, Func<CancellationToken, Task> action);

    /// <summary>
    /// Saves the tracked changes. Translates a lost optimistic-concurrency race or a unique-key clash into a
    /// <see cref="Exceptions.ConflictException"/>.
    /// </summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Runs the registered compensations (best effort; failures are logged, not thrown).</summary>
    Task CompensateAsync();
}
