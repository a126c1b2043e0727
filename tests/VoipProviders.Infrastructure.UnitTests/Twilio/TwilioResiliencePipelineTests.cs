using System.Net;
using Polly;
using Polly.Timeout;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

public sealed class TwilioResiliencePipelineTests
{
    public static TheoryData<string, string, bool> RetryMatrix => new()
    {
        { "429", "Read", true },
        { "429", "Delete", true },
        { "429", "Create", true },
        { "429-too-long", "Read", false },
        { "5xx", "Read", true },
        { "5xx", "Delete", true },
        { "5xx", "Create", false },
        { "timeout", "Read", true },
        { "timeout", "Create", false },
        { "401", "Read", false },
        { "400", "Read", false },
        { "404", "Read", false },
    };

    [Theory]
    [MemberData(nameof(RetryMatrix))]
    public void Only_safe_failures_are_retried(string failure, string kind, bool retried)
    {
        var settings = new TwilioResilienceOptions { MaxRetryAfter = TimeSpan.FromSeconds(10) };
        Exception exception = failure switch
        {
            "429" => new TwilioRateLimitedException(TimeSpan.FromSeconds(1), 20429),
            "429-too-long" => new TwilioRateLimitedException(TimeSpan.FromSeconds(60), 20429),
            "5xx" => new TwilioUnavailableException("down", httpStatus: 503),
            "timeout" => new TimeoutRejectedException(),
            "401" => new TwilioCredentialsRejectedException(20003, 401),
            "400" => new TwilioRequestRejectedException("bad", 21248, 400),
            _ => new TwilioResourceNotFoundException("gone", 20404),
        };
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(TwilioResiliencePipeline.OperationKindKey, Enum.Parse<TwilioOperationKind>(kind));

        TwilioResiliencePipeline.ShouldRetry(exception, context, settings).Should().Be(retried);

        ResilienceContextPool.Shared.Return(context);
    }

    [Fact]
    public async Task The_retry_waits_exactly_as_long_as_Twilios_Retry_After()
    {
        var time = new TimerRecordingTimeProvider(TwilioTestHarness.NewFakeTime().GetUtcNow());
        var twilio = new TwilioTestHarness(
            new TwilioResilienceOptions { MaxRetryAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryAfter = TimeSpan.FromSeconds(10) },
            time);
        twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.TooManyRequests, 20429, retryAfter: "3"));
        twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, TwilioTestHarness.AccountJson()));

        var fetch = twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);
        await WaitUntilAsync(() => twilio.Handler.Requests.Count == 1 && time.DueTimes.Contains(TimeSpan.FromSeconds(3)));
        time.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(50);
        twilio.Handler.Requests.Should().HaveCount(1, "Twilio asked for three seconds");
        time.Advance(TimeSpan.FromSeconds(0.2));
        var account = await fetch.WaitAsync(TimeSpan.FromSeconds(5));

        account.IsActive.Should().BeTrue();
        twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_HTTP_date_Retry_After_is_honoured_relative_to_the_response_date()
    {
        var time = new TimerRecordingTimeProvider(TwilioTestHarness.NewFakeTime().GetUtcNow());
        var twilio = new TwilioTestHarness(
            new TwilioResilienceOptions { MaxRetryAttempts = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryAfter = TimeSpan.FromSeconds(10) },
            time);
        twilio.Handler.Enqueue(_ =>
        {
            var response = ScriptedTwilioHandler.TwilioError(HttpStatusCode.TooManyRequests, 20429, retryAfter: time.GetUtcNow().AddSeconds(4).ToString("R"));
            response.Headers.Date = time.GetUtcNow();
            return response;
        });
        twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, TwilioTestHarness.AccountJson()));

        var fetch = twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);
        await WaitUntilAsync(() => twilio.Handler.Requests.Count == 1 && time.DueTimes.Contains(TimeSpan.FromSeconds(4)));
        time.Advance(TimeSpan.FromSeconds(3.9));
        await Task.Delay(50);
        twilio.Handler.Requests.Should().HaveCount(1);
        time.Advance(TimeSpan.FromSeconds(0.2));
        await fetch.WaitAsync(TimeSpan.FromSeconds(5));

        twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_slow_attempt_is_cancelled_at_the_attempt_timeout_and_retried()
    {
        var twilio = new TwilioTestHarness(new TwilioResilienceOptions
        {
            MaxRetryAttempts = 1,
            RetryBaseDelay = TimeSpan.Zero,
            AttemptTimeout = TimeSpan.FromMilliseconds(200),
            TotalTimeout = TimeSpan.FromSeconds(10),
        });
        var firstAttemptCancelled = new TaskCompletionSource();
        twilio.Handler.Enqueue(async (_, cancellationToken) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                firstAttemptCancelled.TrySetResult();
                throw;
            }

            throw new InvalidOperationException("unreachable");
        });
        twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, TwilioTestHarness.AccountJson()));

        var account = await twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        account.IsActive.Should().BeTrue();
        firstAttemptCancelled.Task.IsCompleted.Should().BeTrue("the SDK takes no token; the call scope cancels the HTTP request");
        twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task The_callers_cancellation_stops_the_call_without_retrying()
    {
        var twilio = new TwilioTestHarness();
        using var cancellation = new CancellationTokenSource();
        twilio.Handler.Enqueue(async (_, cancellationToken) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });

        var act = () => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Repeated_outages_open_the_circuit_and_an_open_circuit_says_when_to_come_back()
    {
        var twilio = new TwilioTestHarness(new TwilioResilienceOptions
        {
            MaxRetryAttempts = 0,
            CircuitMinimumThroughput = 3,
            CircuitFailureRatio = 0.5,
            CircuitBreakDuration = TimeSpan.FromSeconds(30),
        });
        twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503);

        for (var i = 0; i < 3; i++)
        {
            await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None))
                .Should().ThrowAsync<TwilioUnavailableException>();
        }

        var rejected = (await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None))
            .Should().ThrowAsync<TwilioUnavailableException>()).Which;
        rejected.CircuitOpen.Should().BeTrue();
        rejected.RetryAfter.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        twilio.Handler.Requests.Should().HaveCount(3, "an open circuit does not call Twilio");

        await twilio.Pipeline.ResetCircuitAsync();
        twilio.Handler.Default = _ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, TwilioTestHarness.AccountJson());
        (await twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None)).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task A_tenants_rejected_credentials_never_open_the_circuit()
    {
        var twilio = new TwilioTestHarness(new TwilioResilienceOptions { MaxRetryAttempts = 0, CircuitMinimumThroughput = 2, CircuitFailureRatio = 0.1 });
        twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.Unauthorized, 20003);

        for (var i = 0; i < 5; i++)
        {
            await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None))
                .Should().ThrowAsync<TwilioCredentialsRejectedException>();
        }

        twilio.Handler.Requests.Should().HaveCount(5);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
