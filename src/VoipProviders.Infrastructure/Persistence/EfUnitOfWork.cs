using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Infrastructure.BackgroundJobs;
using VoipProviders.Infrastructure.Persistence.Configurations;

namespace VoipProviders.Infrastructure.Persistence;

internal sealed class EfUnitOfWork(
    VoipProvidersDbContext dbContext,
    IOutboxNotifier outbox,
    TimeProvider timeProvider,
    ILogger<EfUnitOfWork> logger) : IUnitOfWork
{
    private static readonly TimeSpan CompensationBudget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AfterCommitBudget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommitBudget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MarkerLookupBudget = TimeSpan.FromSeconds(10);
    private const int MarkerLookupAttempts = 3;
    private bool _enqueuedJobs;
    private bool _outcomeUnknown;
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

        _compensations.Clear();
        if (_enqueuedJobs)
        {
            // The jobs are safe in the outbox already; this only saves them the wait for the next poll.
            await outbox.NotifyAsync();
        }

        await RunAfterCommitAsync();
    }

    /// <summary>
    /// Saves the changes in one transaction together with a commit marker. A save is never replayed blindly: when the
    /// connection fails during COMMIT, the marker tells whether it took effect — then it counts as committed; if it
    /// certainly did not, it may be tried again (by the execution strategy) or fail; if nobody can tell, the caller
    /// hears so and nothing is compensated.
    /// </summary>
    private async Task SaveOnceAsync()
    {
        _enqueuedJobs = dbContext.ChangeTracker.Entries<OutboxJob>().Any(entry => entry.State == EntityState.Added);
        var now = timeProvider.GetUtcNow();
        var marker = new CommitMarker { Id = Guid.CreateVersion7(now), CommittedAt = now };
        dbContext.CommitMarkers.Add(marker);
        using var budget = new CancellationTokenSource(CommitBudget, timeProvider);
        // The save is the transaction's only work: a savepoint around it (and its release) would be two statements for
        // nothing — a failed save rolls the whole transaction back anyway.
        dbContext.Database.AutoSavepointsEnabled = false;
        try
        {
            await dbContext.Database.CreateExecutionStrategy().ExecuteInTransactionAsync(
                marker.Id,
                (_, token) => dbContext.SaveChangesAsync(acceptAllChangesOnSuccess: false, token),
                (commitId, token) => MarkerExistsAsync(commitId, token),
                budget.Token);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            Forget(marker);
            throw ConflictException.ConcurrentUpdate(exception);
        }
        catch (DbUpdateException exception) when (ConstraintErrorMap.TryTranslate(exception, out var translated))
        {
            Forget(marker);
            throw translated;
        }
        catch (Exception exception) when (exception is not ExpectedFailureException)
        {
            // Retries spent, or a failure the strategy does not retry: the COMMIT may still have reached the server.
            switch (await TryFindMarkerAsync(marker.Id))
            {
                case true:
                    logger.CommitConfirmedAfterFailure(exception, marker.Id);
                    break;
                case false:
                    Forget(marker);
                    throw;
                default:
                    _outcomeUnknown = true;
                    logger.CommitOutcomeUnknown(exception, marker.Id, _compensations.Count);
                    throw new CommitOutcomeUnknownException(exception);
            }
        }

        dbContext.ChangeTracker.AcceptAllChanges();
    }

    private async Task<bool> MarkerExistsAsync(Guid commitId, CancellationToken cancellationToken) =>
        await TryFindMarkerAsync(commitId, cancellationToken) ?? throw new InvalidOperationException("The commit marker could not be read.");

    /// <summary>Whether the commit with this marker took effect, on a connection of its own; null when the database cannot say.</summary>
    private async Task<bool?> TryFindMarkerAsync(Guid commitId, CancellationToken cancellationToken = default)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(MarkerLookupBudget);
        for (var attempt = 1; attempt <= MarkerLookupAttempts; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(dbContext.Database.GetConnectionString());
                await connection.OpenAsync(budget.Token);
                await using var command = new NpgsqlCommand(
                    $"SELECT EXISTS (SELECT 1 FROM {VoipProvidersDbContext.Schema}.{CommitMarkerConfiguration.Table} WHERE id = @id)",
                    connection);
                command.Parameters.AddWithValue("id", commitId);
                return (bool)(await command.ExecuteScalarAsync(budget.Token))!;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or OperationCanceledException)
            {
                if (budget.IsCancellationRequested || attempt == MarkerLookupAttempts)
                {
                    return null;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), timeProvider, CancellationToken.None);
            }
        }

        return null;
    }

    private void Forget(CommitMarker marker) => dbContext.Entry(marker).State = EntityState.Detached;

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
