using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.RetryAbandonedCleanup;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Commands;

public sealed class RetryAbandonedCleanupCommandHandlerTests
{
    private static readonly Guid CleanupId = Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-000000000001");
    private static readonly Guid ReconnectedId = Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-0000000000ff");

    private readonly FakeTwilioResourceCleanupRepository _cleanups = new();
    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeBackgroundJobQueue _jobs = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start.AddDays(2));
    private readonly FakeLogger<RetryAbandonedCleanupCommandHandler> _logger = new();
    private readonly TwilioResourceCleanup _cleanup;

    public RetryAbandonedCleanupCommandHandlerTests()
    {
        var deleted = TestValues.ConnectedProvider(_protector, now: TestValues.Start);
        _cleanup = deleted.PlanResourceCleanup(CleanupId, TestValues.Start.AddDays(1));
        _cleanup.RecordFailedAttempt("twilio_credentials_rejected", TestValues.Start.AddDays(1));
        _cleanup.Abandon(TestValues.Start.AddDays(1));
        _cleanups.Add(_cleanup);
    }

    private ValueTask<RetriedCleanupResponse> RetryAsync(Guid? cleanupId = null) =>
        new RetryAbandonedCleanupCommandHandler(_cleanups, _providers, _protector, _jobs, _audit, _time, _logger)
            .Handle(new RetryAbandonedCleanupCommand(cleanupId ?? CleanupId), CancellationToken.None);

    [Fact]
    public async Task Handle_Should_requeue_the_clean_up_with_the_reconnected_providers_token_bound_to_the_deleted_provider()
    {
        _providers.Seed(TestValues.ConnectedProvider(_protector, id: ReconnectedId, authToken: TestValues.NewAuthToken, now: TestValues.Start.AddDays(2)));

        var response = await RetryAsync();

        _cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        _protector.Unprotect(TwilioSecrets.AuthToken, _cleanup.ProviderId.Value, _cleanup.AuthToken!.Value).Should().Be(TestValues.NewAuthToken);
        _jobs.Enqueued.Should().Equal(new CleanUpTwilioResourcesCommand(CleanupId));
        response.Status.Should().Be("pending");
        response.CredentialsFromProviderId.Should().Be(ReconnectedId);
        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be("provider.cleanup.retried");
        record.ProviderId.Should().Be(_cleanup.ProviderId.Value);
        record.Details["trunkSid"].Should().Be(_cleanup.TrunkSid);
        response.TrunkSid.Should().Be(_cleanup.TrunkSid);
        _logger.Collector.GetSnapshot().Should().NotContain(r => r.Message.Contains(TestValues.NewAuthToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_Should_answer_409_and_change_nothing_When_no_provider_holds_the_accounts_credentials()
    {
        var retry = async () => await RetryAsync();

        (await retry.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be(RetryAbandonedCleanupCommandHandler.CredentialsUnavailableCode);
        _cleanup.Status.Should().Be(ResourceCleanupStatus.Abandoned);
        _cleanup.AuthToken.Should().BeNull();
        _jobs.Enqueued.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_answer_404_for_an_unknown_clean_up()
    {
        var retry = async () => await RetryAsync(Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-000000000002"));

        await retry.Should().ThrowAsync<NotFoundException>();
        _jobs.Enqueued.Should().BeEmpty();
    }
}
