using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Infrastructure.BackgroundJobs;
using VoipProviders.Infrastructure.Events;

namespace VoipProviders.Infrastructure.Persistence;

internal sealed class EfUnitOfWork(
    VoipProvidersDbContext dbContext,
    IOutboxNotifier outbox,
    IntegrationEventSignal eventSignal,
    IdempotencyResponseWriter idempotencyResponses,
    TimeProvider timeProvider,
    ILogger<EfUnitOfWork> logger) : IUnitOfWork
{
    private static readonly TimeSpan CompensationBudget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AfterCommitBudget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommitBudget = TimeSpan.FromSeconds(30);
    private bool _enqueuedJobs;
    private bool _storedDeliveries;
    private bool _outcomeUnknown;
    private int _attempts;
    private readonly List<(string Description, Func<CancellationToken, Task> Compensation)> _compensations = [];
    private readonly List<(string Description, Func<CancellationToken, Task> Action)> _afterCommit = [];

    public void RegisterCompensation(string description, Func<CancellationToken, Task> compensation) =>
        _compensations.Add((description, compensation));

    public void OnCommitted(string description, Func<CancellationToken, Task> action) =>
        _afterCommit.Add((description, action));

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        // The caller may still go away before the commit starts. Once it has started, its outcome must be known, so the
        // request's token no longer reaches it: it is bounded by CommitBudget (and the command timeout) instead.
        cancellationToken.ThrowIfCancellationRequested();
        // The response an Idempotency-Key replays is saved with the changes it answers for, in their transaction.
        using var idempotencyResponse = idempotencyResponses.Stage();
        // Changes are detected once here; looking at them and saving them must not scan every tracked entity again.
        var changeTracker = dbContext.ChangeTracker;
        changeTracker.DetectChanges();
        var autoDetectChanges = changeTracker.AutoDetectChangesEnabled;
        changeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (changeTracker.HasChanges())
            {
                await SaveOnceAsync();
            }
        }
        finally
        {
            changeTracker.AutoDetectChangesEnabled = autoDetectChanges;
        }

        idempotencyResponse.Saved();
        _compensations.Clear();
        if (_storedDeliveries)
        {
            // The events are safe in the outbox; this only saves a dispatcher on this replica its next look.
            eventSignal.Notify();
        }

        if (_enqueuedJobs)
        {
            // The jobs are safe in the outbox already; this only saves them the wait for the next poll.
            await outbox.NotifyAsync();
        }

        await RunAfterCommitAsync();
    }

    /// <summary>
    /// Saves the changes with evidence of the commit, so that a save is never replayed blindly: when the connection fails
    /// while the commit is on its way, the evidence tells whether it took effect — then it counts as committed; if it
    /// certainly did not, it may be tried again (by the execution strategy) or fail; if nobody can tell, the caller hears
    /// so and nothing is compensated. A commit that moves an aggregate's version stamps that row (<see cref="CommitStamp"/>);
    /// any other commit writes a commit marker in the same transaction.
    /// </summary>
    private async Task SaveOnceAsync()
    {
        var now = timeProvider.GetUtcNow();
        var commitId = Guid.CreateVersion7(now);
        StampedRow? stampedRow = null;
        _enqueuedJobs = false;
        _storedDeliveries = false;
        foreach (var entry in dbContext.ChangeTracker.Entries())
        {
            if (entry is { State: EntityState.Added, Entity: OutboxJob })
            {
                _enqueuedJobs = true;
            }
            else if (entry is { State: EntityState.Added, Entity: IntegrationEventDelivery })
            {
                // Only a delivery gives the dispatcher work: an event nobody subscribed to wakes nobody.
                _storedDeliveries = true;
            }
            else if (CommitStamp.TryStamp(entry, commitId, out var row))
            {
                stampedRow ??= row;
            }
        }

        CommitMarker? marker = null;
        if (stampedRow is null)
        {
            marker = new CommitMarker { Id = commitId, CommittedAt = now };
            dbContext.Entry(marker).State = EntityState.Added;
        }

        using var budget = new CancellationTokenSource(CommitBudget, timeProvider);
        var strategy = dbContext.Database.CreateExecutionStrategy();
        _attempts = 0;
        try
        {
            if (stampedRow is { } row)
            {
                // EF Core opens a transaction of its own only when the save takes more than one statement; a change to one
                // aggregate row is a single autocommitted UPDATE.
                await strategy.ExecuteAsync(
                    (UnitOfWork: this, CommitId: commitId, Row: row),
                    static (context, state, token) =>
                    {
                        state.UnitOfWork._attempts++;
                        return context.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
                    },
                    static async (_, state, token) => new ExecutionResult<int>(
                        await state.UnitOfWork.ConfirmAsync(state.CommitId, state.Row, token),
                        0),
                    budget.Token);
            }
            else
            {
                // The save is the transaction's only work: a savepoint around it (and its release) would be two statements
                // for nothing — a failed save rolls the whole transaction back anyway.
                dbContext.Database.AutoSavepointsEnabled = false;
                await strategy.ExecuteInTransactionAsync(
                    (UnitOfWork: this, CommitId: commitId),
                    (_, token) =>
                    {
                        _attempts++;
                        return dbContext.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
                    },
                    static (state, token) => state.UnitOfWork.ConfirmAsync(state.CommitId, stampedRow: null, token),
                    budget.Token);
            }
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || ConstraintErrorMap.TryTranslate(exception, out _))
        {
            // A save sent again after a failure may conflict with its own first attempt, committed although its answer
            // was lost (the server ran it after the evidence was read): only the evidence read now tells that conflict
            // from another writer's.
            if (_attempts > 1 && await WasCommittedAsync(commitId, stampedRow, CancellationToken.None) == true)
            {
                logger.CommitConfirmedAfterFailure(exception, commitId);
            }
            else if (exception is DbUpdateConcurrencyException)
            {
                // Made on a stale read, these changes can never be saved: a caller that goes on after the lost race (a
                // job that stands aside) must neither save them with its next commit nor fail on them again.
                dbContext.ChangeTracker.Clear();
                throw ConflictException.ConcurrentUpdate(exception);
            }
            else
            {
                ConstraintErrorMap.TryTranslate(exception, out var translated);
                Forget(marker);
                throw translated!;
            }
        }
        catch (Exception exception) when (exception is not ExpectedFailureException)
        {
            // Retries spent, or a failure the strategy does not retry: the commit may still have reached the server.
            switch (await WasCommittedAsync(commitId, stampedRow, CancellationToken.None))
            {
                case true:
                    logger.CommitConfirmedAfterFailure(exception, commitId);
                    break;
                case false:
                    Forget(marker);
                    throw;
                default:
                    _outcomeUnknown = true;
                    logger.CommitOutcomeUnknown(exception, commitId, _compensations.Count);
                    throw new CommitOutcomeUnknownException(exception);
            }
        }

        dbContext.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// Asked by the execution strategy after a failure it would retry: true when the commit took effect after all (it
    /// answers as committed), false when it certainly did not (it may be sent again); throws when nobody can tell.
    /// </summary>
    private async Task<bool> ConfirmAsync(Guid commitId, StampedRow? stampedRow, CancellationToken cancellationToken)
    {
        var committed = await WasCommittedAsync(commitId, stampedRow, cancellationToken) ?? throw CannotTell();
        if (committed)
        {
            logger.CommitConfirmedAfterFailure(exception: null, commitId);
        }

        return committed;
    }

    /// <summary>
    /// Whether the commit took effect, from its evidence (the stamped row, else the marker), on a connection of its own;
    /// null when nobody can tell. Only ever asked after a failure, so the look-up is built only then.
    /// </summary>
    private Task<bool?> WasCommittedAsync(Guid commitId, StampedRow? stampedRow, CancellationToken cancellationToken)
    {
        var lookup = new CommitOutcomeLookup(dbContext.Database.GetConnectionString()!, timeProvider);
        return stampedRow is { } row
            ? lookup.StampedRowCommittedAsync(row, cancellationToken)
            : lookup.MarkerExistsAsync(commitId, cancellationToken);
    }

    private static InvalidOperationException CannotTell() => new("Whether the commit took effect cannot be read.");

    private void Forget(CommitMarker? marker)
    {
        if (marker is not null)
        {
            dbContext.Entry(marker).State = EntityState.Detached;
        }
    }

    private async Task RunAfterCommitAsync()
    {
        // The commit happened: the caller going away must not stop the rest of the monolith from hearing about it.
        using var budget = new CancellationTokenSource(AfterCommitBudget, timeProvider);
        var actions = _afterCommit.ToArray();
        _afterCommit.Clear();
        foreach (var (description, action) in actions)
        {
            try
            {
                await action(budget.Token);
            }
#pragma warning disable CA1031 // Best effort by contract: the change is committed whatever happens here.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.AfterCommitFailed(exception, description);
            }
        }
    }

    public async Task CompensateAsync()
    {
        if (_outcomeUnknown)
        {
            // Undoing what may be committed would leave the stored provider pointing at deleted resources.
            foreach (var (description, _) in _compensations)
            {
                logger.CompensationSkipped(description);
            }

            _compensations.Clear();
            _afterCommit.Clear();
            return;
        }

        if (_compensations.Count == 0)
        {
            return;
        }

        _afterCommit.Clear();
        logger.Compensating(_compensations.Count);
        using var budget = new CancellationTokenSource(CompensationBudget, timeProvider);
        for (var i = _compensations.Count - 1; i >= 0; i--)
        {
            var (description, compensation) = _compensations[i];
            try
            {
                await compensation(budget.Token);
            }
#pragma warning disable CA1031 // Best effort by design: one failed compensation must not stop the others.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.CompensationFailed(exception, description);
            }
        }

        _compensations.Clear();
    }
}
