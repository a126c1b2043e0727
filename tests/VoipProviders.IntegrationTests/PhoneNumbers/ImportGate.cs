using System.Collections.Concurrent;
using VoipProviders.Application.PhoneNumbers;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

/// <summary>
/// Holds imports at their points, as a slow or stopped replica would leave them: armed with <see cref="HoldAt"/>, the
/// first import that passes the point goes no further — no claim, attach, commit or compensation — until the test lets
/// it go on with <see cref="Release(PhoneNumberImportPoint)"/>. Each point holds one import; several points may be armed
/// at once. Registered in every test host; the fixture releases everything before each test.
/// </summary>
public sealed class ImportGate : IPhoneNumberImportCheckpoints
{
    private readonly ConcurrentDictionary<PhoneNumberImportPoint, Armed> _armed = new();

    /// <summary>Holds the next import that passes <paramref name="point"/>.</summary>
    public void HoldAt(PhoneNumberImportPoint point)
    {
        Release(point);
        _armed[point] = new Armed();
    }

    /// <summary>Completes with the held import's id once an import reached the armed <paramref name="point"/>.</summary>
    public Task<Guid> Reached(PhoneNumberImportPoint point) =>
        _armed.TryGetValue(point, out var armed) ? armed.Reached.Task : throw new InvalidOperationException($"{point} is not armed.");

    /// <summary>Lets the import held at <paramref name="point"/> go on (as if nothing had happened) and disarms the point.</summary>
    public void Release(PhoneNumberImportPoint point)
    {
        if (_armed.TryRemove(point, out var armed))
        {
            armed.Released.TrySetResult();
        }
    }

    /// <summary>Lets every held import go on and disarms every point.</summary>
    public void Release()
    {
        foreach (var point in _armed.Keys)
        {
            Release(point);
        }
    }

    public async ValueTask PassedAsync(PhoneNumberImportPoint point, Guid importId, CancellationToken cancellationToken)
    {
        if (!_armed.TryGetValue(point, out var armed) || !armed.Take())
        {
            return;
        }

        armed.Reached.TrySetResult(importId);
        await armed.Released.Task.ConfigureAwait(false);
    }

    private sealed class Armed
    {
        private int _taken;

        public TaskCompletionSource<Guid> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Take() => Interlocked.Exchange(ref _taken, 1) == 0;
    }
}
