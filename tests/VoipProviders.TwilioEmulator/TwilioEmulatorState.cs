using System.Text.RegularExpressions;
using VoipProviders.TwilioEmulator.Internal;

namespace VoipProviders.TwilioEmulator;

/// <summary>
/// Everything the emulator knows: accounts, resources, queued faults, latency, barriers, holds, next-page links and the
/// request log.
/// Thread-safe (one lock); every getter returns an immutable snapshot. One instance per emulator app.
/// </summary>
public sealed class TwilioEmulatorState(TimeProvider timeProvider)
{
    private static readonly Regex E164 = new(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant);

    private readonly Lock _gate = new();
    private readonly EmulatorStore _store = new();
    private readonly List<RecordedRequest> _log = [];
    private readonly Dictionary<TwilioOperation, Queue<EmulatedFault>> _faults = [];
    private readonly Dictionary<TwilioOperation, TimeSpan> _latencies = [];
    private readonly Dictionary<TwilioOperation, BarrierSlot> _barriers = [];
    private readonly Dictionary<TwilioOperation, EmulatedHold> _holds = [];
    private readonly Dictionary<TwilioOperation, string> _nextPageLinks = [];
    private readonly TimeProvider _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    private long _sequence;

    public TwilioEmulatorState()
        : this(TimeProvider.System)
    {
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    public IReadOnlyList<EmulatedAccount> Accounts => Locked(s => s.Accounts.ToArray());

    public IReadOnlyList<EmulatedTrunk> Trunks => Locked(s => s.Trunks.Select(s.Snapshot).ToArray());

    public IReadOnlyList<EmulatedCredentialList> CredentialLists => Locked(s => s.CredentialLists.Select(s.Snapshot).ToArray());

    public IReadOnlyList<EmulatedPhoneNumber> PhoneNumbers => Locked(s => s.PhoneNumbers.ToArray());

    /// <summary>Current time truncated to seconds (Twilio precision).</summary>
    internal DateTimeOffset Now => TwilioDates.Truncate(_time.GetUtcNow());

    /// <summary>Adds an account with a random AC SID and a random 32-hex auth token.</summary>
    public EmulatedAccount AddAccount(string? friendlyName = null, EmulatedAccountStatus status = EmulatedAccountStatus.Active) =>
        AddAccount(Sids.New("AC"), Sids.NewToken(), friendlyName ?? "Emulated Account", status);

    public EmulatedAccount AddAccount(string accountSid, string authToken, string friendlyName, EmulatedAccountStatus status = EmulatedAccountStatus.Active)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authToken);
        ArgumentNullException.ThrowIfNull(friendlyName);
        if (!Sids.IsAccountSid(accountSid))
        {
            throw new ArgumentException($"'{accountSid}' is not an account SID (AC + 32 hex).", nameof(accountSid));
        }

        var now = Now;
        var account = new EmulatedAccount
        {
            Sid = accountSid,
            AuthToken = authToken,
            FriendlyName = friendlyName,
            Status = status,
            DateCreated = now,
            DateUpdated = now,
        };
        lock (_gate)
        {
            if (_store.FindAccount(accountSid) is not null)
            {
                throw new ArgumentException($"Account {accountSid} already exists.", nameof(accountSid));
            }

            _store.Accounts.Add(account);
        }

        return account;
    }

    public void SetAccountStatus(string accountSid, EmulatedAccountStatus status) =>
        UpdateAccount(accountSid, a => a with { Status = status });

    /// <summary>
    /// Simulates rotating the primary token in the console: the old token stops working at once. A secondary token is kept,
    /// unless <paramref name="newPrimaryToken"/> is that secondary: then this is a promotion done elsewhere and the account
    /// has no secondary any more.
    /// </summary>
    public void SetAuthToken(string accountSid, string newPrimaryToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newPrimaryToken);
        UpdateAccount(accountSid, a => string.Equals(a.SecondaryAuthToken, newPrimaryToken, StringComparison.Ordinal)
            ? a with { AuthToken = newPrimaryToken, SecondaryAuthToken = null, SecondaryAuthTokenDateCreated = null }
            : a with { AuthToken = newPrimaryToken });
    }

    /// <summary>The account's current primary Auth Token (it changes with a promotion or <see cref="SetAuthToken"/>).</summary>
    /// <exception cref="ArgumentException">Unknown account.</exception>
    public string GetAuthToken(string accountSid) => Locked(_ => RequireAccount(accountSid).AuthToken);

    /// <summary>The account's secondary Auth Token, or null when it has none.</summary>
    /// <exception cref="ArgumentException">Unknown account.</exception>
    public string? GetSecondaryAuthToken(string accountSid) => Locked(_ => RequireAccount(accountSid).SecondaryAuthToken);

    /// <summary>
    /// Gives the account a secondary Auth Token as if someone had created it (e.g. in the Twilio Console), replacing any it
    /// has; null removes it. It authenticates alongside the primary until deleted or promoted. The account's DateUpdated
    /// is not changed (the v2010 account does not show the secondary).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown account, a blank token, or the account's primary token.</exception>
    public void SetSecondaryAuthToken(string accountSid, string? secondaryAuthToken)
    {
        if (secondaryAuthToken is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(secondaryAuthToken);
        }

        var now = Now;
        lock (_gate)
        {
            var account = RequireAccount(accountSid);
            if (string.Equals(account.AuthToken, secondaryAuthToken, StringComparison.Ordinal))
            {
                throw new ArgumentException("The secondary token must differ from the account's primary token.", nameof(secondaryAuthToken));
            }

            EmulatorStore.Replace(_store.Accounts, a => a.Sid, account with
            {
                SecondaryAuthToken = secondaryAuthToken,
                SecondaryAuthTokenDateCreated = secondaryAuthToken is null ? null : now,
            });
        }
    }

    /// <summary>Gives the account an incoming number (PN SID) that can then be listed and attached to trunks.</summary>
    public EmulatedPhoneNumber AddIncomingPhoneNumber(string accountSid, string e164, string? friendlyName = null)
    {
        ArgumentNullException.ThrowIfNull(e164);
        if (!E164.IsMatch(e164))
        {
            throw new ArgumentException($"'{e164}' is not an E.164 number.", nameof(e164));
        }

        var now = Now;
        var number = new EmulatedPhoneNumber
        {
            Sid = Sids.New("PN"),
            AccountSid = accountSid,
            PhoneNumber = e164,
            FriendlyName = friendlyName ?? DefaultFriendlyName(e164),
            DateCreated = now,
            DateUpdated = now,
        };
        lock (_gate)
        {
            _ = RequireAccount(accountSid);
            if (_store.PhoneNumbers.Exists(p => p.PhoneNumber == e164))
            {
                throw new ArgumentException($"{e164} is already an incoming number of some account.", nameof(e164));
            }

            _store.PhoneNumbers.Add(number);
        }

        return number;
    }

    /// <summary>
    /// Stands in for "someone dials <paramref name="phoneNumber"/>": the route Twilio Elastic SIP Trunking origination would take
    /// (the number's trunk, its enabled origination URLs with the lowest Priority value, or the error code the call fails with).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="phoneNumber"/> is not E.164.</exception>
    public InboundCallRoute RouteInboundCall(string phoneNumber)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        if (!E164.IsMatch(phoneNumber))
        {
            throw new ArgumentException($"'{phoneNumber}' is not an E.164 number.", nameof(phoneNumber));
        }

        return Locked(s => CallProbes.RouteInboundCall(s, phoneNumber));
    }

    /// <summary>
    /// Stands in for a SIP INVITE with digest credentials sent to a trunk's termination URI: true when a trunk reached by
    /// <paramref name="terminationHost"/> (its domain name <c>x.pstn.twilio.com</c> or a localized <c>x.pstn.{edge}.twilio.com</c>;
    /// a <c>sip:</c> prefix, <c>user@</c>, <c>:port</c> and <c>;params</c> are ignored) has an associated credential list holding a
    /// credential with exactly this username and password.
    /// </summary>
    public bool AuthenticatesSipCall(string terminationHost, string username, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(terminationHost);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        return Locked(s => CallProbes.AuthenticatesSipCall(s, terminationHost, username, password));
    }

    /// <summary>Queues faults for an operation; each matching request consumes one, in order, then behaviour is normal again.</summary>
    public void EnqueueFaults(TwilioOperation operation, params EmulatedFault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_gate)
        {
            if (!_faults.TryGetValue(operation, out var queue))
            {
                queue = new Queue<EmulatedFault>();
                _faults[operation] = queue;
            }

            foreach (var fault in faults)
            {
                queue.Enqueue(fault ?? throw new ArgumentException("Null fault.", nameof(faults)));
            }
        }
    }

    /// <summary>Number of queued faults not yet consumed for an operation.</summary>
    public int PendingFaults(TwilioOperation operation)
    {
        lock (_gate)
        {
            return _faults.TryGetValue(operation, out var queue) ? queue.Count : 0;
        }
    }

    /// <summary>Delays every matching request before handling; <see cref="TimeSpan.Zero"/> removes the latency.</summary>
    public void SetLatency(TwilioOperation operation, TimeSpan latency)
    {
        lock (_gate)
        {
            if (latency > TimeSpan.Zero)
            {
                _latencies[operation] = latency;
            }
            else
            {
                _latencies.Remove(operation);
            }
        }
    }

    /// <summary>
    /// The next <paramref name="parties"/> matching requests each wait until all of them have arrived
    /// (or until one of them has waited <paramref name="timeout"/>, which releases everybody), then proceed normally.
    /// </summary>
    public void SetBarrier(TwilioOperation operation, int parties, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parties, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        lock (_gate)
        {
            if (_barriers.Remove(operation, out var previous))
            {
                previous.Release();
            }

            _barriers[operation] = new BarrierSlot(parties, timeout);
        }
    }

    /// <summary>
    /// Holds the next <paramref name="count"/> requests of <paramref name="operation"/> once recorded, until the returned
    /// hold is released (or disposed), <paramref name="timeout"/> passes or the client gives up (see <see cref="EmulatedHold"/>).
    /// Replaces (and releases) a hold the operation had.
    /// </summary>
    public EmulatedHold Hold(TwilioOperation operation, TimeSpan timeout, int count = 1)
    {
        var hold = new EmulatedHold(operation, count, timeout);
        lock (_gate)
        {
            if (_holds.Remove(operation, out var previous))
            {
                previous.Release();
            }

            _holds[operation] = hold;
        }

        return hold;
    }

    /// <summary>
    /// Every list answer of <paramref name="operation"/> links its next page to <paramref name="link"/> from now on —
    /// <c>next_page_uri</c> of an api v2010 list (relative: the SDK puts <c>https://api.twilio.com</c> in front of it),
    /// <c>meta.next_page_url</c> of a trunking v1 list (absolute) — as a broken or hostile Twilio would; null goes back to
    /// the real links. A link to the page itself makes the list endless.
    /// </summary>
    public void SetNextPageLink(TwilioOperation operation, string? link)
    {
        lock (_gate)
        {
            if (link is null)
            {
                _nextPageLinks.Remove(operation);
            }
            else
            {
                _nextPageLinks[operation] = link;
            }
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsFor(TwilioOperation operation)
    {
        lock (_gate)
        {
            return [.. _log.Where(r => r.Operation == operation)];
        }
    }

    public void ClearRequests()
    {
        lock (_gate)
        {
            _log.Clear();
        }
    }

    /// <summary>Clears everything: accounts, resources, faults, latency, barriers, holds, next-page links and the request log.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _store.Clear();
            _log.Clear();
            _faults.Clear();
            _latencies.Clear();
            foreach (var barrier in _barriers.Values)
            {
                barrier.Release();
            }

            _barriers.Clear();
            foreach (var hold in _holds.Values)
            {
                hold.Release();
            }

            _holds.Clear();
            _nextPageLinks.Clear();
        }
    }

    /// <summary>Runs <paramref name="action"/> against the store under the lock (handlers run atomically).</summary>
    internal T Locked<T>(Func<EmulatorStore, T> action)
    {
        lock (_gate)
        {
            return action(_store);
        }
    }

    internal long BeginRequest(Func<long, RecordedRequest> create)
    {
        lock (_gate)
        {
            var record = create(++_sequence);
            _log.Add(record);
            return record.Sequence;
        }
    }

    internal void CompleteRequest(long sequence, int status, bool authenticated, EmulatedAuthTokenKind? authTokenUsed, EmulatedFault? fault)
    {
        lock (_gate)
        {
            var index = _log.FindLastIndex(r => r.Sequence == sequence);
            if (index >= 0)
            {
                _log[index] = _log[index] with { ResponseStatus = status, Authenticated = authenticated, AuthTokenUsed = authTokenUsed, Fault = fault };
            }
        }
    }

    /// <summary>The link <see cref="SetNextPageLink"/> set for the operation's list answers, if any.</summary>
    internal string? NextPageLink(TwilioOperation operation)
    {
        lock (_gate)
        {
            return _nextPageLinks.GetValueOrDefault(operation);
        }
    }

    internal EmulatedFault? TryDequeueFault(TwilioOperation operation)
    {
        lock (_gate)
        {
            return _faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }

    /// <summary>Applies the configured latency, then the barrier, then the hold, for one request.</summary>
    internal async Task PassGatesAsync(TwilioOperation operation, CancellationToken cancellationToken)
    {
        TimeSpan latency;
        lock (_gate)
        {
            latency = _latencies.GetValueOrDefault(operation);
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        }

        BarrierSlot? barrier;
        lock (_gate)
        {
            if (_barriers.TryGetValue(operation, out barrier) && barrier.Arrive())
            {
                _barriers.Remove(operation);
            }
        }

        if (barrier is not null)
        {
            try
            {
                await barrier.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                lock (_gate)
                {
                    if (_barriers.TryGetValue(operation, out var current) && ReferenceEquals(current, barrier))
                    {
                        _barriers.Remove(operation);
                    }
                }

                barrier.Release();
            }
        }

        EmulatedHold? hold;
        lock (_gate)
        {
            // A spent hold stays registered (taking nothing more) so that a reset still releases what it holds.
            if (_holds.TryGetValue(operation, out hold) && !hold.TryTake())
            {
                hold = null;
            }
        }

        if (hold is not null)
        {
            await hold.HoldAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string DefaultFriendlyName(string e164) =>
        e164.Length == 12 && e164.StartsWith("+1", StringComparison.Ordinal)
            ? $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}"
            : e164;

    private EmulatedAccount RequireAccount(string accountSid) =>
        _store.FindAccount(accountSid) ?? throw new ArgumentException($"Unknown account {accountSid}.", nameof(accountSid));

    private void UpdateAccount(string accountSid, Func<EmulatedAccount, EmulatedAccount> change)
    {
        var now = Now;
        lock (_gate)
        {
            var updated = change(RequireAccount(accountSid)) with { DateUpdated = now };
            EmulatorStore.Replace(_store.Accounts, a => a.Sid, updated);
        }
    }
}
