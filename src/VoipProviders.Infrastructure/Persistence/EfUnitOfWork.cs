using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Infrastructure.BackgroundJobs;

namespace VoipProviders.Infrastructure.Persistence;

internal sealed class EfUnitOfWork(
    VoipProvidersDbContext dbContext,
    IOutboxNotifier outbox,
    TimeProvider timeProvider,
    ILogger<EfUnitOfWork> logger) : IUnitOfWork
{
    private static readonly TimeSpan CompensationBudget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan AfterCommitBudget = TimeSpan.FromSeconds(30);
    private readonly List<(string Description, Func<CancellationToken, Task> Compensation)> _compensations = [];
    private readonly List<(string Description, Func<CancellationToken, Task> Action)> _afterCommit = [];

    public void RegisterCompensation(string description, Func<CancellationToken, Task> compensation) =>
        _compensations.Add((description, compensation));

    public void OnCommitted(string description, Func<CancellationToken, Task> action) =>
        _afterCommit.Add((description, action));

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var enqueuedJobs = dbContext.ChangeTracker.Entries<OutboxJob>().Any(entry => entry.State == EntityState.Added);
        try
        {
            await dbContext.SaveChangesAsync(cancellationToken);
            _compensations.Clear();
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw ConflictException.ConcurrentUpdate(exception);
        }
        catch (DbUpdateException exception) when (ConstraintErrorMap.TryTranslate(exception, out var translated))
        {
            throw translated;
        }

        if (enqueuedJobs)
        {
            // The jobs are safe in the outbox already; this only saves them the wait for the next poll.
            await outbox.NotifyAsync();
        }

        await RunAfterCommitAsync();
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
