using Mediator;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Behaviours;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Behaviours;

public sealed class LoggingBehaviourTests
{
    private static readonly CreateTwilioProviderCommand Command =
        new(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken), "Main Twilio", "ie1");

    private readonly FakeLogger<LoggingBehaviour<CreateTwilioProviderCommand, TwilioProviderResponse>> _logger = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly LoggingBehaviour<CreateTwilioProviderCommand, TwilioProviderResponse> _behaviour;

    public LoggingBehaviourTests() => _behaviour = new(_logger, _time);

    [Fact]
    public async Task Handle_Should_log_the_message_name_and_duration_When_the_handler_succeeds()
    {
        var expected = TestValues.SampleResponse();

        var response = await _behaviour.Handle(Command, Succeeding(expected, TimeSpan.FromMilliseconds(250)), CancellationToken.None);

        response.Should().BeSameAs(expected);
        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Information);
        record.Message.Should().Be("Handled CreateTwilioProviderCommand in 250.0 ms");
        record.GetStructuredStateValue("MessageName").Should().Be(nameof(CreateTwilioProviderCommand));
    }

    [Fact]
    public async Task Handle_Should_never_log_the_auth_token_When_the_command_carrying_it_is_handled()
    {
        await _behaviour.Handle(Command, Succeeding(TestValues.SampleResponse(), TimeSpan.Zero), CancellationToken.None);
        var failing = () => _behaviour.Handle(Command, Failing(new InvalidOperationException("boom")), CancellationToken.None).AsTask();
        await failing.Should().ThrowAsync<InvalidOperationException>();
        var rejected = () => _behaviour.Handle(Command, Failing(new TwilioCredentialsRejectedException(20003, 401)), CancellationToken.None).AsTask();
        await rejected.Should().ThrowAsync<TwilioCredentialsRejectedException>();

        var records = _logger.Collector.GetSnapshot();

        records.Should().HaveCount(3);
        records.Should().AllSatisfy(record =>
        {
            record.Message.Should().NotContain(TestValues.AuthToken);
            record.StructuredState!.Select(kv => kv.Value ?? string.Empty).Should().NotContain(v => v.Contains(TestValues.AuthToken, StringComparison.Ordinal));
            (record.Exception?.ToString() ?? string.Empty).Should().NotContain(TestValues.AuthToken);
        });
    }

    [Fact]
    public async Task Handle_Should_log_a_warning_with_the_reason_and_rethrow_When_the_outcome_is_expected()
    {
        var conflict = TwilioProviderConflicts.AccountAlreadyConnected();

        var act = () => _behaviour.Handle(Command, Failing(conflict, TimeSpan.FromMilliseconds(12)), CancellationToken.None).AsTask();

        (await act.Should().ThrowAsync<ConflictException>()).Which.Should().BeSameAs(conflict);
        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Message.Should().Be("Rejected CreateTwilioProviderCommand after 12.0 ms: provider_already_exists");
        record.Exception.Should().BeNull();
    }

    public static TheoryData<Exception, string> ExpectedOutcomes => new()
    {
        { new TwilioCredentialsRejectedException(20003, 401), "twilio_credentials_rejected" },
        { new PreconditionFailedException(), "precondition_failed" },
        { new NotFoundException("Provider", Guid.Empty), "not_found" },
        { new VoipProviders.Domain.Common.DomainRuleViolationException("invalid_name", "A provider name has 1 to 100 characters."), "invalid_name" },
        { new OperationCanceledException(), "cancelled" },
    };

    [Theory]
    [MemberData(nameof(ExpectedOutcomes))]
    public async Task Handle_Should_log_every_expected_failure_as_a_warning_with_its_code_and_no_stack(Exception outcome, string code)
    {
        var act = () => _behaviour.Handle(Command, Failing(outcome), CancellationToken.None).AsTask();

        await act.Should().ThrowAsync<Exception>();
        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Message.Should().EndWith(": " + code);
        record.Exception.Should().BeNull();
    }

    [Fact]
    public async Task Handle_Should_log_an_error_with_the_exception_and_rethrow_When_the_failure_is_unexpected()
    {
        var failure = new InvalidOperationException("database is down");

        var act = () => _behaviour.Handle(Command, Failing(failure), CancellationToken.None).AsTask();

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Level.Should().Be(LogLevel.Error);
        record.Message.Should().StartWith("Failed CreateTwilioProviderCommand after");
        record.Exception.Should().BeSameAs(failure);
    }

    private MessageHandlerDelegate<CreateTwilioProviderCommand, TwilioProviderResponse> Succeeding(TwilioProviderResponse response, TimeSpan duration) =>
        (_, _) =>
        {
            _time.Advance(duration);
            return ValueTask.FromResult(response);
        };

    private MessageHandlerDelegate<CreateTwilioProviderCommand, TwilioProviderResponse> Failing(Exception exception, TimeSpan? duration = null) =>
        (_, _) =>
        {
            _time.Advance(duration ?? TimeSpan.Zero);
            throw exception;
        };
}
