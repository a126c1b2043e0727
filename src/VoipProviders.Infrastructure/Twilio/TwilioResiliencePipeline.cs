using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// The Polly pipeline around every Twilio call, outermost first: total timeout → retry (jittered exponential backoff,
/// Retry-After honoured) → circuit breaker → per-attempt timeout. One instance per process, so the breaker sees all
/// tenants' calls: it trips on Twilio outages (5xx, transport errors, timeouts), never on a tenant's 4xx or 429.
/// </summary>
internal sealed class TwilioResiliencePipeline
{
    public static readonly ResiliencePropertyKey<TwilioOperationKind> OperationKindKey = new("twilio.operation-kind");

    private readonly CircuitBreakerManualControl _circuitControl = new();

    public TwilioResiliencePipeline(IOptions<TwilioOptions> options, TimeProvider timeProvider, ILogger<TwilioResiliencePipeline> logger)
    {
        var settings = options.Value.Resilience;
        Options = settings;
        var builder = new ResiliencePipelineBuilder { Name = "twilio", TimeProvider = timeProvider }
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
                    logger.Retrying(args.Context.OperationKey ?? "twilio", args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds,
                        args.Outcome.Exception?.GetType().Name ?? "none");
                    return ValueTask.CompletedTask;
                },
            });
        }

        Pipeline = builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                Name = "circuit-breaker",
                FailureRatio = settings.CircuitFailureRatio,
                MinimumThroughput = settings.CircuitMinimumThroughput,
                SamplingDuration = settings.CircuitSamplingDuration,
                BreakDuration = settings.CircuitBreakDuration,
                ManualControl = _circuitControl,
                ShouldHandle = args => ValueTask.FromResult(IsOutage(args.Outcome.Exception)),
                OnOpened = args =>
                {
                    logger.CircuitOpened(args.BreakDuration.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.CircuitClosed();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = settings.AttemptTimeout })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    public TwilioResilienceOptions Options { get; }

    /// <summary>Closes the circuit at once (operations tooling and test isolation).</summary>
    public Task ResetCircuitAsync(CancellationToken cancellationToken = default) => _circuitControl.CloseAsync(cancellationToken);

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

    private static bool IsOutage(Exception? exception) =>
        exception is TwilioUnavailableException or TimeoutRejectedException;
}
