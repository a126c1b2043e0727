using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// The Twilio account listings behind <c>available-numbers</c>, in this replica's memory. Callers that ask for a listing
/// while it is being read wait for that one read instead of starting their own (single flight); a listing that was read
/// answers for <c>Twilio:NumberListCacheSeconds</c>. A listing of the whole account also answers for any filter (the
/// caller filters it). <see cref="Invalidate"/> drops a provider's listings, a read in flight included: its callers get
/// its result, later callers read again. It is a cache, not state: nothing about it has to survive a restart, and each
/// replica keeps its own.
/// </summary>
public sealed class AvailablePhoneNumberListCache(
    IOptions<AvailablePhoneNumberListOptions> options,
    TimeProvider timeProvider,
    ILogger<AvailablePhoneNumberListCache> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<AvailablePhoneNumberListKey, Listing> _listings = [];
    private int _cachedNumbers;

    /// <summary>
    /// The listing for <paramref name="key"/>: cached, the one being read, or read now with <paramref name="read"/>.
    /// The read runs on its own cancellation, cancelled only when every caller waiting for it has given up.
    /// </summary>
    public async Task<IReadOnlyList<TwilioIncomingNumber>> GetAsync(
        AvailablePhoneNumberListKey key,
        Func<CancellationToken, Task<IReadOnlyList<TwilioIncomingNumber>>> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(read);
        Listing listing;
        bool startsRead;
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            var cached = Fresh(key, now) ?? (key.PhoneNumberFilter is null ? null : Fresh(key with { PhoneNumberFilter = null }, now));
            if (cached is not null)
            {
                logger.AnsweredFromCache(key.ProviderId.Value);
                return cached;
            }

            startsRead = !_listings.TryGetValue(key, out var existing) || !existing.InFlight;
            if (startsRead)
            {
                if (existing is not null)
                {
                    Remove(key, existing);
                }

                listing = new Listing();
                _listings[key] = listing;
            }
            else
            {
                listing = existing!;
                logger.JoinedListing(key.ProviderId.Value, listing.Waiters + 1);
            }

            listing.Waiters++;
        }

        if (startsRead)
        {
            // Not awaited here: the read belongs to every caller that joins it, not to this one.
            _ = ReadAsync(key, listing, read);
        }

        try
        {
            return await listing.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Leave(key, listing);
            throw;
        }
    }

    /// <summary>Drops every listing of the provider, cached or in flight.</summary>
    public void Invalidate(ProviderId providerId)
    {
        int dropped;
        lock (_gate)
        {
            var keys = _listings.Keys.Where(k => k.ProviderId == providerId).ToList();
            foreach (var key in keys)
            {
                Remove(key, _listings[key]);
            }

            dropped = keys.Count;
        }

        logger.Invalidated(providerId.Value, dropped);
    }

    private async Task ReadAsync(
        AvailablePhoneNumberListKey key,
        Listing listing,
        Func<CancellationToken, Task<IReadOnlyList<TwilioIncomingNumber>>> read)
    {
        try
        {
            var numbers = await read(listing.Cancellation.Token).ConfigureAwait(false);
            Keep(key, listing, numbers);
            listing.Result.TrySetResult(numbers);
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                listing.InFlight = false;
                if (_listings.TryGetValue(key, out var current) && ReferenceEquals(current, listing))
                {
                    _listings.Remove(key);
                }
            }

            if (exception is OperationCanceledException && listing.Cancellation.IsCancellationRequested)
            {
                listing.Result.TrySetCanceled(listing.Cancellation.Token);
            }
            else
            {
                listing.Result.TrySetException(exception);
            }

            // Observed here: when every caller has left, nobody else awaits it.
            _ = listing.Result.Task.Exception;
        }
        finally
        {
            lock (_gate)
            {
                listing.Cancellation.Dispose();
                listing.Disposed = true;
            }
        }
    }

    private void Keep(AvailablePhoneNumberListKey key, Listing listing, IReadOnlyList<TwilioIncomingNumber> numbers)
    {
        var settings = options.Value;
        lock (_gate)
        {
            listing.InFlight = false;
            if (!_listings.TryGetValue(key, out var current) || !ReferenceEquals(current, listing))
            {
                // Invalidated while it was read: its callers get it, nobody after them.
                return;
            }

            var now = timeProvider.GetUtcNow();
            RemoveExpired(now);
            if (settings.NumberListCacheSeconds == 0 || _cachedNumbers + numbers.Count > settings.NumberListCacheMaxNumbers)
            {
                if (settings.NumberListCacheSeconds > 0)
                {
                    logger.NotKept(key.ProviderId.Value, numbers.Count, _cachedNumbers, settings.NumberListCacheMaxNumbers);
                }

                _listings.Remove(key);
                return;
            }

            listing.Numbers = numbers;
            listing.ExpiresAt = now + TimeSpan.FromSeconds(settings.NumberListCacheSeconds);
            _cachedNumbers += numbers.Count;
        }
    }

    /// <summary>A caller gave up; the last one to leave a read in flight cancels it.</summary>
    private void Leave(AvailablePhoneNumberListKey key, Listing listing)
    {
        CancellationTokenSource? cancel = null;
        lock (_gate)
        {
            listing.Waiters--;
            if (listing.InFlight && listing.Waiters == 0 && !listing.Disposed)
            {
                cancel = listing.Cancellation;
                if (_listings.TryGetValue(key, out var current) && ReferenceEquals(current, listing))
                {
                    _listings.Remove(key);
                }
            }
        }

        if (cancel is not null)
        {
            logger.ListingAbandoned(key.ProviderId.Value);
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The read ended meanwhile.
            }
        }
    }

    private IReadOnlyList<TwilioIncomingNumber>? Fresh(AvailablePhoneNumberListKey key, DateTimeOffset now) =>
        _listings.TryGetValue(key, out var listing) && listing.Numbers is { } numbers && listing.ExpiresAt > now ? numbers : null;

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, listing) in _listings.Where(l => l.Value.Numbers is not null && l.Value.ExpiresAt <= now).ToList())
        {
            Remove(key, listing);
        }
    }

    private void Remove(AvailablePhoneNumberListKey key, Listing listing)
    {
        _listings.Remove(key);
        if (listing.Numbers is { } numbers)
        {
            _cachedNumbers -= numbers.Count;
            listing.Numbers = null;
        }
    }

    /// <summary>One listing: in flight (callers wait for <see cref="Result"/>), then cached until <see cref="ExpiresAt"/>.</summary>
    private sealed class Listing
    {
        public TaskCompletionSource<IReadOnlyList<TwilioIncomingNumber>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Cancellation { get; } = new();

        public bool InFlight { get; set; } = true;

        public bool Disposed { get; set; }

        public int Waiters { get; set; }

        public IReadOnlyList<TwilioIncomingNumber>? Numbers { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
