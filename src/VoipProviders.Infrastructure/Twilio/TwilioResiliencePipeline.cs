using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// The Polly pipelines around Twilio calls: one per Twilio product host and Account SID (<see cref="TwilioCircuitKey"/>),
/// each, outermost first: total timeout → retry (jittered exponential backoff, Retry-After honoured) → the account's
/// concurrency limit → circuit breaker → per-attempt timeout.
/// <list type="bullet">
/// <item>The breaker trips on outages (5xx, transport errors, timeouts), never on a tenant's 4xx or 429, and only for
/// its own product and account: one tenant's failing account or a failing <c>trunking</c> host pauses nobody else.</item>
/// <item>The concurrency limit is shared by the account's products: at most <c>Twilio:MaxConcurrentRequestsPerAccount</c>
/// attempts in flight per account on this replica; the rest wait in line within their total timeout. An attempt holds
/// its slot only while it runs, not during a retry's backoff.</item>
/// </list>
/// An account's state (limiter and breakers) is dropped once no call of it is in flight or waiting and it has been
/// idle for a sampling window plus a break (it then holds nothing a fresh one would not), so the number kept is
/// bounded by the accounts called recently, not by every SID ever tried.
/// </summary>
internal sealed class TwilioResiliencePipeline
{
    public static readonly ResiliencePropertyKey<TwilioOperationKind> OperationKindKey = new("twilio.operation-kind");

    /// <summary>
    /// The span of the logical call, if one is recorded: retries, waits and a breaker opening are its events. Carried by
    /// the context because Polly runs breaker callbacks on a task of its own, outside the call's ambient span.
    /// </summary>
    public static readonly ResiliencePropertyKey<Activity?> CallSpanKey = new("twilio.call-span");

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TwilioMetrics _metrics;
    private readonly int _maxConcurrentRequestsPerAccount;
    private long _nextSweep;

    public TwilioResiliencePipeline(
        IOptions<TwilioOptions> options,
        TimeProvider timeProvider,
        TwilioMetrics metrics,
        ILogger<TwilioResiliencePipeline> logger)
    {
        _metrics = metrics;
        Options = options.Value.Resilience;
        _maxConcurrentRequestsPerAccount = options.Value.MaxConcurrentRequestsPerAccount;
        _timeProvider = timeProvider;
        _logger = logger;
        IdleTimeout = Options.CircuitSamplingDuration + Options.CircuitBreakDuration;
        _nextSweep = timeProvider.GetTimestamp();
    }

    public TwilioResilienceOptions Options { get; }

    /// <summary>How long an account's limiter and breakers are kept after its last call ended.</summary>
    internal TimeSpan IdleTimeout { get; }

    /// <summary>Accounts whose limiter and breakers are currently kept.</summary>
    internal int TrackedAccountCount
    {
        get
        {
            lock (_gate)
            {
                return _accounts.Count;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="callback"/> (one attempt) through the pipeline of <paramref name="key"/>; with
    /// <see cref="TwilioCircuitUse.Bypass"/> through the same one without its breaker (neither stopped nor counted by it).
    /// </summary>
    public async ValueTask<T> ExecuteAsync<T>(
        TwilioCircuitKey key,
        TwilioCircuitUse circuit,
        Func<ResilienceContext, ValueTask<T>> callback,
        ResilienceContext context)
    {
        var account = Rent(key.AccountSid);
        try
        {
            var pipeline = circuit == TwilioCircuitUse.Bypass ? account.BypassPipelineFor(key.Product) : account.PipelineFor(key.Product);
            return await pipeline.ExecuteAsync(callback, context);
        }
        finally
        {
            Release(account);
        }
    }

    /// <summary>Closes every circuit at once and forgets the calls they counted (operations tooling and test isolation).</summary>
    public async Task ResetCircuitAsync(CancellationToken cancellationToken = default)
    {
        AccountState[] accounts;
        lock (_gate)
        {
            accounts = [.. _accounts.Values];
        }

        foreach (var account in accounts)
        {
            await account.CloseCircuitsAsync(cancellationToken);
        }
    }

    /// <summary>The breakers currently kept.</summary>
    internal IReadOnlyList<TwilioCircuitKey> CircuitKeys()
    {
        lock (_gate)
        {
            return [.. _accounts.Values.SelectMany(account => account.CircuitKeys())];
        }
    }

    /// <summary>The concurrency limiter's counts for an account, or null when nothing is kept for it.</summary>
    internal RateLimiterStatistics? LimiterStatistics(string accountSid)
    {
        lock (_gate)
        {
            return _accounts.TryGetValue(accountSid, out var account) ? account.Limiter.GetStatistics() : null;
        }
    }

    internal static bool ShouldRetry(Exception? exception, ResilienceContext context, TwilioResilienceOptions settings)
    {
        var kind = context.Properties.GetValue(OperationKindKey, TwilioOperationKind.Create);
        return exception switch
        {
            // A 429 was never processed by Twilio: safe for every kind, unless Twilio asks for a longer wait than we hold a request for.
            TwilioRateLimitedException rateLimited => rateLimited.RetryAfter is not { } wait || wait <= settings.MaxRetryAfter,
            TwilioUnavailableException or TimeoutRejectedException => kind != TwilioOperationKind.Create,
            _ => false,
        };
    }

    /// <summary>What counts against a circuit: Twilio failing (5xx, unreadable answers, transport errors) or not answering in time.</summary>
    internal static bool IsOutage(Exception? exception) =>
        exception is TwilioUnavailableException or TimeoutRejectedException;

    private AccountState Rent(string accountSid)
    {
        var now = _timeProvider.GetTimestamp();
        lock (_gate)
        {
            if (now >= _nextSweep)
            {
                EvictIdle(now);
                _nextSweep = now + (long)(IdleTimeout.TotalSeconds * _timeProvider.TimestampFrequency);
            }

            if (!_accounts.TryGetValue(accountSid, out var account))
            {
                account = new AccountState(this, accountSid);
                _accounts.Add(accountSid, account);
            }

            account.Users++;
            return account;
        }
    }

    private void Release(AccountState account)
    {
        var now = _timeProvider.GetTimestamp();
        lock (_gate)
        {
            account.Users--;
            account.LastReleased = now;
        }
    }

    private void EvictIdle(long now)
    {
        List<string>? idle = null;
        foreach (var (accountSid, account) in _accounts)
        {
            // An account with a call in flight or waiting keeps its limiter, or the limit would no longer hold.
            if (account.Users == 0 && _timeProvider.GetElapsedTime(account.LastReleased, now) >= IdleTimeout)
            {
                (idle ??= []).Add(accountSid);
            }
        }

        foreach (var accountSid in idle ?? [])
        {
            _accounts.Remove(accountSid, out var account);
            account!.Limiter.Dispose();
        }
    }

    private ResiliencePipeline Build(TwilioCircuitKey key, ConcurrencyLimiter limiter, CircuitBreakerManualControl? circuitControl)
    {
        var settings = Options;
        var product = key.Product.ToLowerInvariant();
        var builder = new ResiliencePipelineBuilder { Name = "twilio", TimeProvider = _timeProvider }
            .AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = settings.TotalTimeout });
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context, settings)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TwilioRateLimitedException { RetryAfter: { } retryAfter } ? retryAfter : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception?.GetType().Name ?? "none";
                    _logger.Retrying(args.Context.OperationKey ?? "twilio", args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, reason);
                    _metrics.Retried(product, reason);
                    args.Context.Properties.GetValue(CallSpanKey, null)?.AddEvent(new ActivityEvent("twilio.retry", tags: new ActivityTagsCollection
                    {
                        ["twilio.attempt"] = args.AttemptNumber + 2,
                        ["twilio.retry.delay_ms"] = args.RetryDelay.TotalMilliseconds,
                        ["error.type"] = reason,
                    }));
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddStrategy(_ => new TwilioConcurrencyLimitStrategy(limiter, key.AccountSid, product, _maxConcurrentRequestsPerAccount, _timeProvider, _metrics, _logger));
        if (circuitControl is null)
        {
            return builder
                .AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = settings.AttemptTimeout })
                .Build();
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                Name = "circuit-breaker",
                FailureRatio = settings.CircuitFailureRatio,
                MinimumThroughput = settings.CircuitMinimumThroughput,
                SamplingDuration = settings.CircuitSamplingDuration,
                BreakDuration = settings.CircuitBreakDuration,
                ManualControl = circuitControl,
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome.Exception)),
                OnOpened = args =>
                {
                    _logger.CircuitOpened(key.Product, key.AccountSid, args.BreakDuration.TotalSeconds);
                    _metrics.CircuitOpened(product);
                    args.Context.Properties.GetValue(CallSpanKey, null)?.AddEvent(new ActivityEvent("twilio.circuit.opened"));
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _logger.CircuitClosed(key.Product, key.AccountSid);
                    _metrics.CircuitClosed(product);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = settings.AttemptTimeout })
            .Build();
    }

    /// <summary>One account's limiter and its breakers (one pipeline per product host). Users and LastReleased are guarded by the owner's lock.</summary>
    private sealed class AccountState(TwilioResiliencePipeline owner, string accountSid)
    {
        private readonly Dictionary<string, (ResiliencePipeline Pipeline, CircuitBreakerManualControl Control)> _circuits =
            new(StringComparer.OrdinalIgnoreCase);

        private readonly Dictionary<string, ResiliencePipeline> _bypasses = new(StringComparer.OrdinalIgnoreCase);

        public ConcurrencyLimiter Limiter { get; } = new(new ConcurrencyLimiterOptions
        {
            PermitLimit = owner._maxConcurrentRequestsPerAccount,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        public int Users { get; set; }

        public long LastReleased { get; set; }

        public ResiliencePipeline PipelineFor(string product)
        {
            lock (_circuits)
            {
                if (!_circuits.TryGetValue(product, out var circuit))
                {
                    var control = new CircuitBreakerManualControl();
                    circuit = (owner.Build(new TwilioCircuitKey(product, accountSid), Limiter, control), control);
                    _circuits.Add(product, circuit);
                }

                return circuit.Pipeline;
            }
        }

        /// <summary>The product's pipeline without a breaker: the same timeouts, retries and concurrency limit.</summary>
        public ResiliencePipeline BypassPipelineFor(string product)
        {
            lock (_bypasses)
            {
                if (!_bypasses.TryGetValue(product, out var pipeline))
                {
                    pipeline = owner.Build(new TwilioCircuitKey(product, accountSid), Limiter, circuitControl: null);
                    _bypasses.Add(product, pipeline);
                }

                return pipeline;
            }
        }

        public IEnumerable<TwilioCircuitKey> CircuitKeys()
        {
            lock (_circuits)
            {
                return [.. _circuits.Keys.Select(product => new TwilioCircuitKey(product, accountSid))];
            }
        }

        public async Task CloseCircuitsAsync(CancellationToken cancellationToken)
        {
            CircuitBreakerManualControl[] controls;
            lock (_circuits)
            {
                controls = [.. _circuits.Values.Select(circuit => circuit.Control)];
            }

            foreach (var control in controls)
            {
                await control.CloseAsync(cancellationToken);
            }
        }
    }
}
