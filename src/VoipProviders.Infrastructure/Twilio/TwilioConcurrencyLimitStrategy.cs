using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;

namespace VoipProviders.Infrastructure.Twilio;

/// <summary>
/// A pipeline step that lets an attempt through only while its account has fewer than the configured number of Twilio
/// calls in flight on this replica. Excess attempts wait in line (oldest first) — never rejected — until a slot frees
/// up, the call's total time budget runs out (the total timeout's token cancels the wait) or the caller cancels.
/// </summary>
internal sealed class TwilioConcurrencyLimitStrategy(
    ConcurrencyLimiter limiter,
    string accountSid,
    string product,
    int permitLimit,
    TimeProvider timeProvider,
    TwilioMetrics metrics,
    ILogger logger) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            var queuedAt = timeProvider.GetTimestamp();
            try
            {
                lease = await limiter.AcquireAsync(1, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (OperationCanceledException exception)
            {
                // The budget ran out (the total timeout turns this into a timeout) or the caller gave up.
                return Outcome.FromException<TResult>(exception);
            }

            if (!lease.IsAcquired)
            {
                // Unreachable: the queue is unbounded, so the limiter never turns a waiting call away.
                lease.Dispose();
                return Outcome.FromException<TResult>(new InvalidOperationException("The Twilio concurrency limiter refused a call."));
            }

            var waited = timeProvider.GetElapsedTime(queuedAt);
            metrics.WaitedForSlot(product, waited);
            if (context.Properties.GetValue(TwilioResiliencePipeline.CallSpanKey, null) is { } call)
            {
                call.SetTag("twilio.throttled", true);
                call.AddEvent(new ActivityEvent("twilio.throttle.waited", tags: new ActivityTagsCollection
                {
                    ["twilio.throttle.wait_ms"] = waited.TotalMilliseconds,
                    ["twilio.throttle.permit_limit"] = permitLimit,
                }));
            }
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.WaitedForSlot(context.OperationKey ?? "twilio", accountSid, waited.TotalMilliseconds, permitLimit);
            }
        }

        using (lease)
        {
            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
    }
}
