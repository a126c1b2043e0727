using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.UnitTests.PhoneNumbers;

/// <summary>
/// The replica's cache of account listings: one read for every caller of a listing in flight, the result kept for
/// <c>Twilio:NumberListCacheSeconds</c> on the clock, per provider, version and filter, dropped by an invalidation.
/// Reads are gated with completion sources, never timed.
/// </summary>
public sealed class AvailablePhoneNumberListCacheTests
{
    private static readonly ProviderId ProviderA = ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000000a"));
    private static readonly ProviderId ProviderB = ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000000b"));
    private static readonly AvailablePhoneNumberListKey WholeAccountOfA = new(TestValues.OrganizationId, ProviderA, 3, null);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly List<Read> _reads = [];

    private AvailablePhoneNumberListCache Cache(int cacheSeconds = 30, int maxNumbers = 100_000) =>
        new(
            Options.Create(new AvailablePhoneNumberListOptions { NumberListCacheSeconds = cacheSeconds, NumberListCacheMaxNumbers = maxNumbers }),
            _clock,
            NullLogger<AvailablePhoneNumberListCache>.Instance);

    private static IReadOnlyList<TwilioIncomingNumber> Numbers(int count) =>
        [.. Enumerable.Range(1, count).Select(n => TestValues.IncomingNumber(n))];

    /// <summary>A read that stays in flight until the test completes it.</summary>
    private Task<IReadOnlyList<TwilioIncomingNumber>> GatedRead(CancellationToken cancellationToken)
    {
        var read = new Read(cancellationToken);
        _reads.Add(read);
        return read.Result.Task;
    }

    private Task<IReadOnlyList<TwilioIncomingNumber>> ImmediateRead(CancellationToken cancellationToken)
    {
        var read = new Read(cancellationToken);
        _reads.Add(read);
        read.Result.SetResult(Numbers(2));
        return read.Result.Task;
    }

    [Fact]
    public async Task Callers_of_a_listing_in_flight_share_its_one_read()
    {
        var cache = Cache();

        var first = cache.GetAsync(WholeAccountOfA, GatedRead, CancellationToken.None);
        var second = cache.GetAsync(WholeAccountOfA, GatedRead, CancellationToken.None);
        var third = cache.GetAsync(WholeAccountOfA, GatedRead, CancellationToken.None);
        var listing = Numbers(3);
        _reads.Should().ContainSingle("the later callers joined the read in flight");
        _reads[0].Result.SetResult(listing);

        (await Task.WhenAll(first, second, third)).Should().AllSatisfy(result => result.Should().BeSameAs(listing));
    }

    [Fact]
    public async Task A_listing_answers_until_the_cache_period_has_passed_on_the_clock()
    {
        var cache = Cache(cacheSeconds: 30);
        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(29));
        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);
        _reads.Should().ContainSingle("29 s later the listing still answers");

        _clock.Advance(TimeSpan.FromSeconds(1));
        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);
        _reads.Should().HaveCount(2, "after 30 s Twilio is read again");
    }

    [Fact]
    public async Task Another_provider_organization_or_version_never_sees_the_listing()
    {
        var cache = Cache();
        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);

        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB }, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA with { OrganizationId = TestValues.OtherOrganizationId }, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA with { ProviderVersion = 4 }, ImmediateRead, CancellationToken.None);

        _reads.Should().HaveCount(4, "a rotated token is a new version, another provider or tenant another key");
    }

    [Fact]
    public async Task A_whole_account_listing_answers_a_filtered_request_but_a_filtered_one_never_answers_the_whole_account()
    {
        var cache = Cache();
        var whole = await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);

        var filtered = await cache.GetAsync(WholeAccountOfA with { PhoneNumberFilter = "+1415" }, ImmediateRead, CancellationToken.None);
        _reads.Should().ContainSingle();
        filtered.Should().BeSameAs(whole, "the caller filters the whole listing itself");

        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB, PhoneNumberFilter = "+1415" }, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB }, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB, PhoneNumberFilter = "+1415" }, ImmediateRead, CancellationToken.None);
        _reads.Should().HaveCount(3, "B's filtered listing is kept on its own; B's whole account needs a read of its own");
    }

    [Fact]
    public async Task Invalidating_drops_the_providers_listings_and_no_others()
    {
        var cache = Cache();
        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA with { PhoneNumberFilter = "555" }, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB }, ImmediateRead, CancellationToken.None);

        cache.Invalidate(ProviderA);
        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB }, ImmediateRead, CancellationToken.None);

        _reads.Should().HaveCount(2 + 1, "A is read again (its search answered from its whole listing), B still answers from the cache");
    }

    [Fact]
    public async Task A_read_in_flight_when_invalidated_answers_its_callers_but_is_not_kept_and_later_callers_read_again()
    {
        var cache = Cache();
        var before = cache.GetAsync(WholeAccountOfA, GatedRead, CancellationToken.None);

        cache.Invalidate(ProviderA);
        var after = cache.GetAsync(WholeAccountOfA, GatedRead, CancellationToken.None);
        _reads.Should().HaveCount(2, "a caller after the change does not join a read that started before it");
        var stale = Numbers(1);
        var fresh = Numbers(2);
        _reads[0].Result.SetResult(stale);
        _reads[1].Result.SetResult(fresh);

        (await before).Should().BeSameAs(stale);
        (await after).Should().BeSameAs(fresh);
        (await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None)).Should().BeSameAs(fresh, "only the read after the change is kept");
        _reads.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_failed_read_fails_every_caller_of_it_and_is_not_kept()
    {
        var cache = Cache();
        var first = cache.GetAsync(WholeAccountOfA, GatedRead, CancellationToken.None);
        var second = cache.GetAsync(WholeAccountOfA, GatedRead, CancellationToken.None);
        var failure = new TwilioUnavailableException("Twilio failed with HTTP 503.", httpStatus: 503);

        _reads[0].Result.SetException(failure);

        (await first.Invoking(t => t).Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(failure);
        (await second.Invoking(t => t).Should().ThrowAsync<TwilioUnavailableException>()).Which.Should().BeSameAs(failure);
        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);
        _reads.Should().HaveCount(2, "a failure is not cached");
    }

    [Fact]
    public async Task A_caller_that_gives_up_leaves_the_read_to_the_others_and_the_last_one_to_leave_cancels_it()
    {
        var cache = Cache();
        using var firstGivesUp = new CancellationTokenSource();
        using var secondGivesUp = new CancellationTokenSource();
        var first = cache.GetAsync(WholeAccountOfA, GatedRead, firstGivesUp.Token);
        var second = cache.GetAsync(WholeAccountOfA, GatedRead, secondGivesUp.Token);

        await firstGivesUp.CancelAsync();
        await first.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        _reads[0].Cancellation.IsCancellationRequested.Should().BeFalse("the second caller still waits for it");

        await secondGivesUp.CancelAsync();
        await second.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        _reads[0].Cancellation.IsCancellationRequested.Should().BeTrue("nobody waits for it any more");

        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);
        _reads.Should().HaveCount(2, "an abandoned read is not joined");
    }

    [Fact]
    public async Task With_a_cache_period_of_0_nothing_is_kept_but_a_read_in_flight_is_still_shared()
    {
        var cache = Cache(cacheSeconds: 0);
        var first = cache.GetAsync(WholeAccountOfA, GatedRead, CancellationToken.None);
        var second = cache.GetAsync(WholeAccountOfA, GatedRead, CancellationToken.None);
        _reads[0].Result.SetResult(Numbers(1));
        await Task.WhenAll(first, second);

        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);

        _reads.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_listing_that_does_not_fit_the_replicas_budget_is_not_kept()
    {
        var cache = Cache(maxNumbers: 3);
        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);

        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB }, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB }, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA, ImmediateRead, CancellationToken.None);

        _reads.Should().HaveCount(3, "A's 2 numbers fit the budget of 3, B's 2 more do not (B is read each time)");

        _clock.Advance(TimeSpan.FromSeconds(30));
        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB }, ImmediateRead, CancellationToken.None);
        await cache.GetAsync(WholeAccountOfA with { ProviderId = ProviderB }, ImmediateRead, CancellationToken.None);
        _reads.Should().HaveCount(4, "once A's listing expired, B's fits");
    }

    private sealed class Read(CancellationToken cancellation)
    {
        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<IReadOnlyList<TwilioIncomingNumber>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
