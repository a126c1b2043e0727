using VoipProviders.Infrastructure.Events;

namespace VoipProviders.Infrastructure.UnitTests.Events;

public sealed class IntegrationEventDispatcherRetryDelayTests
{
    private const int Samples = 200;

    private static readonly IntegrationEventsOptions Settings = new()
    {
        FirstRetryDelay = TimeSpan.FromSeconds(2),
        MaxRetryDelay = TimeSpan.FromMinutes(10),
    };

    private static IReadOnlyList<TimeSpan> DelaysAfter(int attempts, IntegrationEventsOptions? settings = null) =>
        [.. Enumerable.Range(0, Samples).Select(_ => IntegrationEventDispatcher.RetryDelay(attempts, settings ?? Settings))];

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    [InlineData(9, 512)]
    public void RetryDelay_Should_double_with_every_failure_within_the_jitter(int attempts, double expectedSeconds)
    {
        DelaysAfter(attempts).Should().OnlyContain(delay =>
            delay >= TimeSpan.FromSeconds(expectedSeconds * 0.8) && delay <= TimeSpan.FromSeconds(expectedSeconds * 1.2));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void RetryDelay_Should_be_capped_at_the_max_retry_delay_within_the_jitter(int attempts)
    {
        DelaysAfter(attempts).Should().OnlyContain(delay =>
            delay >= Settings.MaxRetryDelay * 0.8 && delay <= Settings.MaxRetryDelay * 1.2);
    }

    [Fact]
    public void RetryDelay_Should_grow_until_the_cap()
    {
        // Without jitter each delay doubles; with ±20 % the lowest of one step still exceeds the highest of two steps before.
        var lowest = Enumerable.Range(1, 12).Select(attempts => DelaysAfter(attempts).Min()).ToList();
        var highest = Enumerable.Range(1, 12).Select(attempts => DelaysAfter(attempts).Max()).ToList();

        for (var i = 2; i < 9; i++)
        {
            lowest[i].Should().BeGreaterThan(highest[i - 2]);
        }

        highest.Should().OnlyContain(delay => delay <= Settings.MaxRetryDelay * 1.2);
    }

    [Fact]
    public void RetryDelay_Should_jitter_so_that_failed_deliveries_do_not_retry_in_step()
    {
        DelaysAfter(3).Distinct().Should().HaveCountGreaterThan(1);
    }

    [Fact]
    public void RetryDelay_Should_follow_the_configured_delays()
    {
        var settings = new IntegrationEventsOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromSeconds(1) };

        DelaysAfter(1, settings).Should().OnlyContain(d => d >= TimeSpan.FromMilliseconds(80) && d <= TimeSpan.FromMilliseconds(120));
        DelaysAfter(8, settings).Should().OnlyContain(d => d >= TimeSpan.FromMilliseconds(800) && d <= TimeSpan.FromMilliseconds(1200));
    }
}
