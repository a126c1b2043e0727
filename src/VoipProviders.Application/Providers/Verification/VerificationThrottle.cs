using Microsoft.Extensions.Options;

namespace VoipProviders.Application.Providers.Verification;

/// <summary>
/// This replica's limits on verifications running at once: <see cref="VerificationOptions.MaxConcurrency"/> in all
/// (background runs only — a caller waiting for an answer does not queue behind the sweep) and
/// <see cref="VerificationOptions.MaxConcurrencyPerAccount"/> per upstream account (every run).
/// </summary>
public sealed class VerificationThrottle(IOptions<VerificationOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _all = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    private readonly Dictionary<string, AccountSlots> _accounts = new(StringComparer.Ordinal);
    private readonly object _accountsLock = new();

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public async Task<IAsyncDisposable> EnterAsync(string accountKey, bool background, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        if (background)
        {
            await _all.WaitAsync(cancellationToken);
        }

        var account = Rent(accountKey);
        try
        {
            await account.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Return(accountKey, account);
            if (background)
            {
                _all.Release();
            }

            throw;
        }

        return new Slot(this, accountKey, account, background);
    }

    public void Dispose() => _all.Dispose();

    private AccountSlots Rent(string accountKey)
    {
        lock (_accountsLock)
        {
            if (!_accounts.TryGetValue(accountKey, out var slots))
            {
                slots = new AccountSlots(options.Value.MaxConcurrencyPerAccount);
                _accounts[accountKey] = slots;
            }

            slots.Users++;
            return slots;
        }
    }

    private void Return(string accountKey, AccountSlots slots)
    {
        lock (_accountsLock)
        {
            if (--slots.Users == 0)
            {
                // Nobody waits for or holds this account's slots: forget it, so the map stays as small as the work.
                _accounts.Remove(accountKey);
                slots.Semaphore.Dispose();
            }
        }
    }

    private sealed class AccountSlots(int size)
    {
        public SemaphoreSlim Semaphore { get; } = new(size, size);

        public int Users { get; set; }
    }

    private sealed class Slot(VerificationThrottle throttle, string accountKey, AccountSlots account, bool background) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                account.Semaphore.Release();
                throttle.Return(accountKey, account);
                if (background)
                {
                    throttle._all.Release();
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
