using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.Configuration;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary><c>Twilio:MaxConcurrentRequestsPerAccount</c>: excess calls of one account wait their turn, nobody else waits.</summary>
public sealed class TwilioConcurrencyLimitTests
{
    private static readonly TwilioCredentials AccountA = TwilioAdapter.Account(1);
    private static readonly TwilioCredentials AccountB = TwilioAdapter.Account(2);

    [Fact]
    public async Task At_most_the_configured_number_of_calls_per_account_are_in_flight_and_the_rest_run_as_slots_free()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ProbeTwilioHandler(async (_, _) =>
        {
            await gate.Task;
            return Account();
        });
        var twilio = new TwilioAdapter(handler);
        twilio.Options.MaxConcurrentRequestsPerAccount.Should().Be(20, "the default");

        var calls = Enumerable.Range(0, 25).Select(_ => twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None)).ToList();
        await TwilioAdapter.WaitUntilAsync(() => handler.InFlight == 20, "20 calls are in flight");
        await TwilioAdapter.WaitUntilAsync(() => twilio.Pipeline.LimiterStatistics(AccountA.AccountSid.Value)?.CurrentQueuedCount == 5, "5 calls wait");
        await Task.Delay(100);

        handler.Requests.Should().HaveCount(20, "the other five wait for a slot instead of reaching Twilio");
        calls.Should().OnlyContain(call => !call.IsCompleted, "waiting calls are not rejected");

        gate.SetResult();
        var accounts = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        accounts.Should().HaveCount(25).And.OnlyContain(account => account.IsActive);
        handler.Requests.Should().HaveCount(25);
        handler.MaxInFlight.Should().Be(20);
    }

    [Fact]
    public async Task A_saturated_account_does_not_hold_up_other_accounts()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ProbeTwilioHandler(async (request, _) =>
        {
            if (ProbeTwilioHandler.AccountOf(request) == AccountA.AccountSid.Value)
            {
                await gate.Task;
            }

            return Account();
        });
        var twilio = new TwilioAdapter(handler);
        var callsOfA = Enumerable.Range(0, 21).Select(_ => twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None)).ToList();
        await TwilioAdapter.WaitUntilAsync(() => twilio.Pipeline.LimiterStatistics(AccountA.AccountSid.Value)?.CurrentQueuedCount == 1, "A is saturated");

        var callsOfB = Enumerable.Range(0, 20).Select(_ => twilio.Gateway.GetActiveAccountAsync(AccountB, CancellationToken.None)).ToList();
        await Task.WhenAll(callsOfB).WaitAsync(TimeSpan.FromSeconds(10));

        callsOfA.Should().OnlyContain(call => !call.IsCompleted);
        gate.SetResult();
        await Task.WhenAll(callsOfA).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_call_waiting_for_a_slot_honours_cancellation_and_gives_its_place_up()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ProbeTwilioHandler(async (_, _) =>
        {
            await gate.Task;
            return Account();
        });
        var twilio = new TwilioAdapter(handler);
        var running = Enumerable.Range(0, 20).Select(_ => twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None)).ToList();
        await TwilioAdapter.WaitUntilAsync(() => handler.InFlight == 20, "20 calls are in flight");
        using var cancellation = new CancellationTokenSource();
        var waiting = twilio.Gateway.GetActiveAccountAsync(AccountA, cancellation.Token);
        await TwilioAdapter.WaitUntilAsync(() => twilio.Pipeline.LimiterStatistics(AccountA.AccountSid.Value)?.CurrentQueuedCount == 1, "a call waits");

        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        twilio.Pipeline.LimiterStatistics(AccountA.AccountSid.Value)!.CurrentQueuedCount.Should().Be(0);
        gate.SetResult();
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10));
        handler.Requests.Should().HaveCount(20, "the cancelled call never reached Twilio");
        twilio.Pipeline.LimiterStatistics(AccountA.AccountSid.Value)!.CurrentAvailablePermits.Should().Be(20, "every slot was given back");
    }

    [Fact]
    public async Task A_call_whose_time_budget_runs_out_while_waiting_fails_like_a_timeout()
    {
        var time = TwilioTestHarness.NewFakeTime();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ProbeTwilioHandler(async (_, _) =>
        {
            await gate.Task; // ignores the attempt's cancellation: the slot stays taken
            return Account();
        });
        var twilio = new TwilioAdapter(
            handler,
            new TwilioOptions
            {
                MaxConcurrentRequestsPerAccount = 1,
                Resilience = new TwilioResilienceOptions { AttemptTimeout = TimeSpan.FromSeconds(5), TotalTimeout = TimeSpan.FromSeconds(10) },
            },
            time);
        var running = twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None);
        await TwilioAdapter.WaitUntilAsync(() => handler.InFlight == 1, "the slot is taken");
        var waiting = twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None);
        await TwilioAdapter.WaitUntilAsync(() => twilio.Pipeline.LimiterStatistics(AccountA.AccountSid.Value)?.CurrentQueuedCount == 1, "a call waits");

        time.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(50);
        waiting.IsCompleted.Should().BeFalse("its budget is not spent yet");
        time.Advance(TimeSpan.FromSeconds(0.2));

        var failure = (await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<TwilioUnavailableException>()).Which;
        failure.CircuitOpen.Should().BeFalse();
        failure.HttpStatus.Should().BeNull();
        handler.Requests.Should().ContainSingle("the call that waited never reached Twilio");
        gate.SetResult();
        await FluentActions.Awaiting(() => running).Should().NotThrowAsync();
    }

    [Fact]
    public async Task A_call_holds_its_slot_only_while_an_attempt_runs_not_while_it_waits_to_retry()
    {
        var time = TwilioTestHarness.NewFakeTime();
        var answered = 0;
        var handler = new ProbeTwilioHandler((_, _) => Task.FromResult(
            Interlocked.Increment(ref answered) == 1
                ? ScriptedTwilioHandler.TwilioError(HttpStatusCode.TooManyRequests, 20429, retryAfter: "3")
                : Account()));
        var twilio = new TwilioAdapter(
            handler,
            new TwilioOptions { MaxConcurrentRequestsPerAccount = 1, Resilience = new TwilioResilienceOptions { MaxRetryAttempts = 1 } },
            time);
        var retrying = twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None);
        await TwilioAdapter.WaitUntilAsync(() => handler.Requests.Count == 1 && handler.InFlight == 0, "the first attempt was answered 429");

        var other = await twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        other.IsActive.Should().BeTrue("the slot is free while the first call waits out Twilio's Retry-After");
        retrying.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromSeconds(3.1));
        (await retrying.WaitAsync(TimeSpan.FromSeconds(5))).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task An_idle_accounts_limiter_and_breakers_are_dropped_but_a_busy_accounts_are_kept()
    {
        var time = TwilioTestHarness.NewFakeTime();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var accountB = AccountB.AccountSid.Value;
        var handler = new ProbeTwilioHandler(async (request, _) =>
        {
            if (ProbeTwilioHandler.AccountOf(request) == accountB)
            {
                await gate.Task;
            }

            return Account();
        });
        var twilio = new TwilioAdapter(
            handler,
            new TwilioOptions
            {
                Resilience = new TwilioResilienceOptions
                {
                    AttemptTimeout = TimeSpan.FromMinutes(5),
                    TotalTimeout = TimeSpan.FromMinutes(10),
                    CircuitSamplingDuration = TimeSpan.FromSeconds(30),
                    CircuitBreakDuration = TimeSpan.FromSeconds(15),
                },
            },
            time);
        twilio.Pipeline.IdleTimeout.Should().Be(TimeSpan.FromSeconds(45), "a sampling window plus a break");
        await twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None);
        var busy = twilio.Gateway.GetActiveAccountAsync(AccountB, CancellationToken.None);
        await TwilioAdapter.WaitUntilAsync(() => handler.InFlight == 1, "B's call is in flight");
        twilio.Pipeline.TrackedAccountCount.Should().Be(2);

        time.Advance(TimeSpan.FromSeconds(46));
        await twilio.Gateway.GetActiveAccountAsync(TwilioAdapter.Account(3), CancellationToken.None);

        twilio.Pipeline.CircuitKeys().Select(key => key.AccountSid).Should().BeEquivalentTo(
            [accountB, TwilioAdapter.Account(3).AccountSid.Value], "A was idle, B has a call in flight");
        twilio.Pipeline.LimiterStatistics(AccountA.AccountSid.Value).Should().BeNull();
        twilio.Pipeline.LimiterStatistics(accountB)!.CurrentAvailablePermits.Should().Be(19, "B's limiter still counts its call");
        gate.SetResult();
        await busy;

        time.Advance(TimeSpan.FromSeconds(46));
        await twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None);
        twilio.Pipeline.TrackedAccountCount.Should().Be(1, "only the account just called is kept");
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("1", true)]
    [InlineData("1000", true)]
    [InlineData("0", false)]
    [InlineData("1001", false)]
    public void MaxConcurrentRequestsPerAccount_defaults_to_20_and_is_validated_at_start(string? configured, bool valid)
    {
        var settings = new Dictionary<string, string?>();
        if (configured is not null)
        {
            settings["Twilio:MaxConcurrentRequestsPerAccount"] = configured;
        }

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
        services.AddValidatedOptions<TwilioOptions>(TwilioOptions.SectionName);
        services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<TwilioOptions>>().Value;

        if (valid)
        {
            read().MaxConcurrentRequestsPerAccount.Should().Be(configured is null ? 20 : int.Parse(configured, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            read.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("MaxConcurrentRequestsPerAccount");
        }
    }

    private static HttpResponseMessage Account() => ScriptedTwilioHandler.Json(HttpStatusCode.OK, TwilioTestHarness.AccountJson());
}
