using VoipProviders.Application.Common.Interfaces;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// Records commits and compensations. <see cref="Events"/> is a shared journal ("commit", "compensate", …) that tests
/// may append to as well, to check ordering. Compensations run newest first and are best effort, as the contract says.
/// </summary>
public sealed class FakeUnitOfWork : IUnitOfWork
{
    private readonly List<(string Description, Func<CancellationToken, Task> Compensation)> _compensations = [];

    public List<string> Events { get; } = [];

    public IReadOnlyList<string> CompensationDescriptions => [.. _compensations.Select(c => c.Description)];

    public int CommitCount { get; private set; }

    public int CompensateCount { get; private set; }

    /// <summary>When set, <see cref="CommitAsync"/> throws it.</summary>
    public Exception? CommitException { get; set; }

    public List<Exception> CompensationFailures { get; } = [];

    public void RegisterCompensation(string description, Func<CancellationToken, Task> compensation) =>
        _compensations.Add((description, compensation));

    /// <summary>What the command asked to run after its commit; <see cref="CommitAsync"/> runs them, as the real one does.</summary>
    public List<string> AfterCommitDescriptions { get; } = [];

    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];

    public void OnCommitted(string description, Func<CancellationToken, Task> action)
    {
        AfterCommitDescriptions.Add(description);
        _afterCommit.Add(action);
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        Events.Add("commit");
        if (CommitException is not null)
        {
            throw CommitException;
        }

        CommitCount++;
        _compensations.Clear();
        return RunAfterCommitAsync();
    }

    private async Task RunAfterCommitAsync()
    {
        foreach (var action in _afterCommit)
        {
            await action(CancellationToken.None);
        }

        _afterCommit.Clear();
    }

    public async Task CompensateAsync()
    {
        Events.Add("compensate");
        CompensateCount++;
        for (var i = _compensations.Count - 1; i >= 0; i--)
        {
            try
            {
                await _compensations[i].Compensation(CancellationToken.None);
            }
#pragma warning disable CA1031 // Best effort, as IUnitOfWork.CompensateAsync promises; failures are kept for assertions.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                CompensationFailures.Add(exception);
            }
        }

        _compensations.Clear();
    }
}
