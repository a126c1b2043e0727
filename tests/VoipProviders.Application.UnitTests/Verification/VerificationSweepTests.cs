using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Events;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Tests.Shared;

namespace VoipProviders.Application.UnitTests.Verification;

public sealed class VerificationSweepTests : IAsyncLifetime
{
    private readonly FakeProviderVerificationStore _store = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeImportedPhoneNumberRepository _phoneNumbers = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly VerificationOptions _options = new()
    {
        MaxConcurrency = 3,
        MaxConcurrencyPerAccount = 2,
        SweepPeriod = TimeSpan.FromMinutes(1),
        Timeout = TimeSpan.FromMinutes(10),
    };

    private readonly List<ServiceProvider> _containers = [];
    private readonly List<ProviderId> _due = [];

    public VerificationSweepTests()
    {
        for (var n = 1; n <= 10; n++)
        {
            var provider = Provider(n);
            HealthyTwilioAccount.Seed(_twilio, provider);
            _store.Seed(provider);
            _due.Add(provider.Id);
        }

        _time.Advance(TimeSpan.FromMinutes(5));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DisposeAsync();
        }
    }

    /// <summary>The <paramref name="n"/>th provider, connected (and so due) at <see cref="TestValues.Start"/>; all share the sample account and trunk.</summary>
    private TwilioProvider Provider(int n) =>
        TestValues.ConnectedProvider(_protector, id: Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"0199f6a2-4c1e-7b3d-9a10-{n:x12}")));

    /// <summary>The application's registrations with the fakes behind them, as the host builds them.</summary>
    private ServiceProvider Container(VerificationThrottle? throttle = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IMeterFactory, PlainMeterFactory>(); // the host's own comes with its builder
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(Options.Create(_options));
        services.AddSingleton(TestValues.OriginationOptions());
        services.AddSingleton<IProviderVerificationStore>(_store);
        services.AddSingleton<ITwilioGateway>(_twilio);
        services.AddSingleton<ISecretProtector>(_protector);
        services.AddSingleton<IImportedPhoneNumberRepository>(_phoneNumbers);
        services.AddSingleton<IIntegrationEventOutbox>(_outbox);
        services.AddSingleton<IAuditTrail>(_audit);
        services.AddSingleton<IBackgroundJobQueue>(new FakeBackgroundJobQueue());
        services.AddVoipProvidersApplication();
        TestValues.AddFeaturesOfTheApplication(services);
        services.AddScoped<VerificationSweep>(); // a recurring job: the host registers it scoped
        if (throttle is not null)
        {
            services.AddSingleton(throttle);
        }

        configure?.Invoke(services);

        var container = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _containers.Add(container);
        return container;
    }

    private async Task<int> SweepAsync(ServiceProvider? container = null)
    {
        await using var scope = (container ?? Container()).CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VerificationSweep>().RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_Should_verify_every_due_provider_exactly_once_and_return_how_many()
    {
        var count = await SweepAsync();

        count.Should().Be(10);
        _store.Recorded.Should().BeEquivalentTo(_due).And.OnlyHaveUniqueItems();
        _twilio.CallsTo(GatewayOperation.FetchAccount).Should().HaveCount(10);
        _due.Should().AllSatisfy(id =>
        {
            var stored = _store.Stored(id)!;
            stored.VerificationStatus.Should().Be(VerificationStatus.Verified);
            stored.NextVerificationAt.Should().BeAfter(_time.GetUtcNow());
            _store.LeaseOf(id).Should().BeNull();
        });
    }

    [Fact]
    public async Task RunAsync_Should_leave_providers_alone_that_are_not_due_yet()
    {
        var later = Provider(11);
        later.RecordVerification(
            [new VerificationCheck(VerificationCheckNames.Credentials, VerificationCheckStatus.Passed, "OK.", TestValues.Start, new Dictionary<string, object>())],
            TestValues.Start,
            _time.GetUtcNow().AddSeconds(1));
        _store.Seed(later);

        var count = await SweepAsync();

        count.Should().Be(10);
        _store.Recorded.Should().NotContain(later.Id);
        _store.Stored(later.Id)!.LastVerifiedAt.Should().Be(TestValues.Start);
    }

    [Fact]
    public async Task RunAsync_Should_never_verify_more_than_the_maximum_at_once()
    {
        // The throttle's own global limit is lifted, so only the sweep's can hold the runs back.
        using var unlimited = new VerificationThrottle(Options.Create(new VerificationOptions { MaxConcurrency = 256, MaxConcurrencyPerAccount = 16 }));
        var container = Container(unlimited);
        var calls = new HeldCalls();
        _twilio.DuringCall = (operation, _) => operation == GatewayOperation.FetchAccount ? calls.HoldAsync() : Task.CompletedTask;

        var sweeping = SweepAsync(container);
        await calls.ReleaseOneByOneAsync(_due.Count, _options.MaxConcurrency);
        var count = await sweeping;

        count.Should().Be(10);
        calls.MostAtOnce.Should().Be(_options.MaxConcurrency, "the sweep verifies up to the maximum at once, and never more");
        _store.MostLeasesAtOnce.Should().Be(_options.MaxConcurrency, "a claimed provider counts as being verified from its claim");
        _store.Recorded.Should().BeEquivalentTo(_due).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task RunAsync_Should_run_each_verification_in_its_own_scope()
    {
        // The repository stands for the scoped database context, which serves one operation at a time.
        var repositories = 0;
        var container = Container(configure: services => services.AddScoped<IImportedPhoneNumberRepository>(_ =>
        {
            Interlocked.Increment(ref repositories);
            return _phoneNumbers;
        }));

        await SweepAsync(container);

        repositories.Should().Be(10);
        _store.Recorded.Should().HaveCount(10);
    }

    [Fact]
    public async Task RunAsync_Should_stop_claiming_When_the_sweep_period_is_over()
    {
        _options.MaxConcurrency = 2;
        var periodOver = 0;
        _twilio.DuringCall = (operation, _) =>
        {
            if (operation == GatewayOperation.FetchAccount && Interlocked.Exchange(ref periodOver, 1) == 0)
            {
                _time.Advance(_options.SweepPeriod);
            }

            return Task.CompletedTask;
        };

        var count = await SweepAsync();

        count.Should().Be(2);
        _store.Recorded.Should().HaveCount(2);
        _store.ClaimLimits.Should().ContainSingle();
    }

    [Fact]
    public async Task RunAsync_Should_return_zero_without_touching_the_store_or_Twilio_When_the_sweep_is_disabled()
    {
        _options.SweepEnabled = false;

        var count = await SweepAsync();

        count.Should().Be(0);
        _store.Calls.Should().BeEmpty();
        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_Should_verify_the_due_providers_of_one_account_two_at_a_time()
    {
        _options.MaxConcurrency = 8;
        _options.MaxConcurrencyPerAccount = 2;
        var calls = new HeldCalls();
        _twilio.DuringCall = (operation, _) => operation == GatewayOperation.FetchAccount ? calls.HoldAsync() : Task.CompletedTask;

        var sweeping = SweepAsync();
        await calls.ReleaseOneByOneAsync(_due.Count, _options.MaxConcurrencyPerAccount);
        var count = await sweeping;

        count.Should().Be(10);
        calls.MostAtOnce.Should().Be(2, "every provider here uses the same Twilio account");
    }

    [Fact]
    public async Task RunAsync_Should_retry_later_and_not_again_in_the_same_pass_When_Twilio_is_unavailable()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503));

        var count = await SweepAsync();

        count.Should().Be(10);
        _store.Recorded.Should().HaveCount(9);
        _twilio.CallsTo(GatewayOperation.FetchAccount).Should().HaveCount(10);
        _due.Select(id => _store.Stored(id)!).Should().AllSatisfy(p => p.NextVerificationAt.Should().BeAfter(_time.GetUtcNow()));
    }
}
