using Microsoft.Extensions.Options;
using VoipProviders.Application.Providers.Verification;

namespace VoipProviders.Application.UnitTests.Verification;

public sealed class VerificationThrottleTests
{
    private const string AccountA = "AC0000000000000000000000000000000a";
    private const string AccountB = "AC0000000000000000000000000000000b";
    private const string AccountC = "AC0000000000000000000000000000000c";

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    /// <summary>Long enough for a wait that should stay pending to have ended if it were going to.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    private static VerificationThrottle Throttle(int maxConcurrency = 8, int maxConcurrencyPerAccount = 2) =>
        new(Options.Create(new VerificationOptions { MaxConcurrency = maxConcurrency, MaxConcurrencyPerAccount = maxConcurrencyPerAccount }));

    private static async Task ShouldStillWaitAsync(Task<IAsyncDisposable> entry)
    {
        await Task.Delay(Settle);
        entry.IsCompleted.Should().BeFalse("no slot is free");
    }

    private static async Task<IAsyncDisposable> ShouldGetInAsync(Task<IAsyncDisposable> entry) => await entry.WaitAsync(WaitLimit);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EnterAsync_Should_let_a_third_run_of_the_same_account_wait_until_one_of_the_first_two_ends(bool background)
    {
        using var throttle = Throttle(maxConcurrencyPerAccount: 2);
        var first = await ShouldGetInAsync(throttle.EnterAsync(AccountA, background, CancellationToken.None));
        await ShouldGetInAsync(throttle.EnterAsync(AccountA, background, CancellationToken.None));

        var third = throttle.EnterAsync(AccountA, background, CancellationToken.None);
        await ShouldStillWaitAsync(third);

        await first.DisposeAsync();
        await ShouldGetInAsync(third);
    }

    [Fact]
    public async Task EnterAsync_Should_not_hold_back_another_account_When_one_account_is_at_its_limit()
    {
        using var throttle = Throttle(maxConcurrencyPerAccount: 2);
        await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));
        await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));
        var waitingForA = throttle.EnterAsync(AccountA, background: true, CancellationToken.None);

        var b = throttle.EnterAsync(AccountB, background: true, CancellationToken.None);

        await ShouldGetInAsync(b);
        waitingForA.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task EnterAsync_Should_hold_background_runs_to_the_global_limit_but_let_callers_waiting_for_an_answer_through()
    {
        using var throttle = Throttle(maxConcurrency: 1, maxConcurrencyPerAccount: 4);
        var backgroundA = await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));

        var backgroundB = throttle.EnterAsync(AccountB, background: true, CancellationToken.None);
        var manualC = throttle.EnterAsync(AccountC, background: false, CancellationToken.None);
        var manualA = throttle.EnterAsync(AccountA, background: false, CancellationToken.None);

        await ShouldGetInAsync(manualC);
        await ShouldGetInAsync(manualA);
        await ShouldStillWaitAsync(backgroundB);
        await backgroundA.DisposeAsync();
        await ShouldGetInAsync(backgroundB);
    }

    [Fact]
    public async Task EnterAsync_Should_not_count_manual_runs_against_the_global_limit()
    {
        using var throttle = Throttle(maxConcurrency: 1, maxConcurrencyPerAccount: 4);
        var manual = await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: false, CancellationToken.None));

        await ShouldGetInAsync(throttle.EnterAsync(AccountB, background: true, CancellationToken.None));
        await manual.DisposeAsync();
    }

    [Fact]
    public async Task EnterAsync_Should_throw_and_give_back_nothing_it_did_not_take_When_a_wait_for_the_account_is_cancelled()
    {
        using var throttle = Throttle(maxConcurrencyPerAccount: 1);
        var holder = await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: false, CancellationToken.None));
        using var cancel = new CancellationTokenSource();
        var waiting = throttle.EnterAsync(AccountA, background: false, cancel.Token);
        await ShouldStillWaitAsync(waiting);

        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        await holder.DisposeAsync();
        await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: false, CancellationToken.None));
        await ShouldStillWaitAsync(throttle.EnterAsync(AccountA, background: false, CancellationToken.None));
    }

    [Fact]
    public async Task EnterAsync_Should_give_back_the_global_slot_it_took_When_its_wait_for_the_account_is_cancelled()
    {
        using var throttle = Throttle(maxConcurrency: 2, maxConcurrencyPerAccount: 1);
        await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));
        using var cancel = new CancellationTokenSource();
        var waiting = throttle.EnterAsync(AccountA, background: true, cancel.Token);
        await ShouldStillWaitAsync(waiting);

        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        await ShouldGetInAsync(throttle.EnterAsync(AccountB, background: true, CancellationToken.None));
    }

    [Fact]
    public async Task EnterAsync_Should_let_later_runs_in_When_a_wait_for_the_global_limit_is_cancelled()
    {
        using var throttle = Throttle(maxConcurrency: 1, maxConcurrencyPerAccount: 1);
        var holder = await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));
        using var cancel = new CancellationTokenSource();
        var waiting = throttle.EnterAsync(AccountB, background: true, cancel.Token);
        await ShouldStillWaitAsync(waiting);

        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        await holder.DisposeAsync();
        var next = await ShouldGetInAsync(throttle.EnterAsync(AccountB, background: true, CancellationToken.None));
        await ShouldStillWaitAsync(throttle.EnterAsync(AccountC, background: true, CancellationToken.None));
        await next.DisposeAsync();
    }

    [Fact]
    public async Task EnterAsync_Should_throw_at_once_When_the_caller_has_already_given_up()
    {
        using var throttle = Throttle();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => throttle.EnterAsync(AccountA, background: true, cancel.Token)).Should().ThrowAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => throttle.EnterAsync(AccountA, background: false, cancel.Token)).Should().ThrowAsync<OperationCanceledException>();

        await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));
        await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));
    }

    [Fact]
    public async Task DisposeAsync_Should_give_the_slot_back_once_When_called_twice()
    {
        using var throttle = Throttle(maxConcurrencyPerAccount: 1);
        var slot = await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));

        await slot.DisposeAsync();
        await slot.DisposeAsync();

        await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));
        await ShouldStillWaitAsync(throttle.EnterAsync(AccountA, background: true, CancellationToken.None));
    }

    [Fact]
    public async Task EnterAsync_Should_keep_an_accounts_limit_When_its_slots_were_all_given_back_and_taken_again()
    {
        using var throttle = Throttle(maxConcurrencyPerAccount: 2);
        for (var round = 0; round < 3; round++)
        {
            var first = await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: false, CancellationToken.None));
            var second = await ShouldGetInAsync(throttle.EnterAsync(AccountA, background: false, CancellationToken.None));
            using var cancel = new CancellationTokenSource();
            var third = throttle.EnterAsync(AccountA, background: false, cancel.Token);
            await ShouldStillWaitAsync(third);
            await cancel.CancelAsync();
            await FluentActions.Awaiting(() => third).Should().ThrowAsync<OperationCanceledException>();
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }
}
