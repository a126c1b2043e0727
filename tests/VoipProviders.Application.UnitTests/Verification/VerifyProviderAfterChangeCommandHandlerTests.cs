using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Verification;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Tests.Shared;

namespace VoipProviders.Application.UnitTests.Verification;

public sealed class VerifyProviderAfterChangeCommandHandlerTests
{
    private readonly FakeProviderVerificationStore _store = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeImportedPhoneNumberRepository _phoneNumbers = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly FakeBackgroundJobContext _job = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly VerificationOptions _options = new() { AttemptsAfterChange = 3 };
    private readonly TwilioProvider _provider;

    public VerifyProviderAfterChangeCommandHandlerTests()
    {
        _provider = TestValues.ConnectedProvider(_protector, now: TestValues.Start);
        HealthyTwilioAccount.Seed(_twilio, _provider);
        _store.Seed(_provider);
        _time.Advance(TimeSpan.FromSeconds(2));
    }

    private async Task<BackgroundJobOutcome> HandleAsync(long version = 1)
    {
        var options = Options.Create(_options);
        var verifier = new ProviderVerifier(
            [_store],
            [new TwilioProviderChecks(_twilio, _protector, _phoneNumbers, TestValues.Origination(), _time)],
            [],
            new VerificationThrottle(options),
            new VerificationsInFlight(),
            new ProviderChanges(_outbox, _audit),
            options,
            _time,
            new VerificationMetrics(new PlainMeterFactory()),
            new FakeLogger<ProviderVerifier>());
        var handler = new VerifyProviderAfterChangeCommandHandler(verifier, _job, options);
        return await handler.Handle(new VerifyProviderAfterChangeCommand(_provider.Id.Value, version), CancellationToken.None);
    }

    private static TwilioUnavailableException Unavailable() => new("Twilio answered 503.", httpStatus: 503);

    [Fact]
    public async Task Handle_Should_complete_and_store_the_outcome_When_the_provider_is_verified()
    {
        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        var stored = _store.Stored(_provider.Id)!;
        stored.VerificationStatus.Should().Be(VerificationStatus.Verified);
        stored.LastVerifiedAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task Handle_Should_complete_and_store_a_failed_status_When_a_check_fails()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _store.Stored(_provider.Id)!.VerificationStatus.Should().Be(VerificationStatus.Failed);
    }

    [Fact]
    public async Task Handle_Should_complete_without_calling_Twilio_When_a_newer_change_has_its_own_verification()
    {
        _store.Change(_provider.Id, p => p.Rename("Renamed since", _time.GetUtcNow()));

        var outcome = await HandleAsync(version: 1);

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
        _store.Stored(_provider.Id)!.VerificationStatus.Should().Be(VerificationStatus.Pending);
    }

    [Fact]
    public async Task Handle_Should_complete_without_calling_Twilio_When_the_provider_was_deleted()
    {
        _store.Remove(_provider.Id);

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Handle_Should_retry_later_and_store_nothing_When_Twilio_is_unavailable_before_the_last_attempt(int attempt)
    {
        _job.Attempt = attempt;
        _twilio.FailOn(GatewayOperation.FetchAccount, Unavailable());

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.RetryLater);
        _store.Recorded.Should().BeEmpty();
        _store.Stored(_provider.Id)!.VerificationStatus.Should().Be(VerificationStatus.Pending);
        _store.LeaseOf(_provider.Id).Should().BeNull("the retry must be able to start");
    }

    [Fact]
    public async Task Handle_Should_retry_later_When_Twilio_is_rate_limiting()
    {
        _twilio.FailOn(GatewayOperation.ListTrunkPhoneNumberSids, new TwilioRateLimitedException(TimeSpan.FromSeconds(30), 20429));
        HealthyTwilioAccount.ImportOnTrunk(_twilio, _phoneNumbers, _provider, 1);

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.RetryLater);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Handle_Should_complete_and_leave_it_to_the_sweep_When_Twilio_is_still_unavailable_after_the_configured_attempts(int attempt)
    {
        _job.Attempt = attempt;
        _twilio.FailOn(GatewayOperation.FetchAccount, Unavailable());

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _store.Recorded.Should().BeEmpty();
        _store.Stored(_provider.Id)!.NextVerificationAt.Should().Be(TestValues.Start, "the provider stays due for the sweep");
    }

    [Fact]
    public async Task Handle_Should_complete_When_Twilio_is_unavailable_on_the_job_engines_last_attempt()
    {
        _job.Attempt = 1;
        _job.IsLastAttempt = true;
        _twilio.FailOn(GatewayOperation.FetchAccount, Unavailable());

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
    }

    [Fact]
    public async Task Handle_Should_verify_When_a_retry_finds_Twilio_available_again()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, Unavailable());
        (await HandleAsync()).Should().Be(BackgroundJobOutcome.RetryLater);
        _job.Attempt = 2;

        var outcome = await HandleAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _store.Stored(_provider.Id)!.VerificationStatus.Should().Be(VerificationStatus.Verified);
    }
}
