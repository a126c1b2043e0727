using System.Diagnostics;
using Mediator;
using VoipProviders.Application.Common.Behaviours;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

namespace VoipProviders.Application.UnitTests.Behaviours;

/// <summary>
/// One span per message, named by its type, with its kind and outcome; error status only for failures that are not
/// the caller's; never the message (a create carries the Auth Token).
/// </summary>
public sealed class TracingBehaviourTests : IDisposable
{
    private static readonly CreateTwilioProviderCommand Command =
        new(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken), "Main Twilio", "ie1");

    private const string TestSourceName = "VoipProviders.Application.UnitTests.Tracing";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly TracingBehaviour<CreateTwilioProviderCommand, TwilioProviderResponse> _behaviour = new();
    private readonly List<Activity> _ended = [];
    private readonly ActivityListener _listener;
    private readonly Activity _parent;

    public TracingBehaviourTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MessageTelemetry.SourceName or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_ended)
                {
                    _ended.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        // Other tests may run messages at the same time: this test's spans are the children of its own parent span.
        _parent = TestSource.StartActivity("test")!;
    }

    [Fact]
    public async Task Handle_Should_record_a_span_named_by_the_message_with_its_kind_and_outcome_When_the_handler_succeeds()
    {
        await _behaviour.Handle(Command, (_, _) => ValueTask.FromResult(TestValues.SampleResponse()), CancellationToken.None);

        var span = MessageSpan();
        span.DisplayName.Should().Be(nameof(CreateTwilioProviderCommand));
        span.Kind.Should().Be(ActivityKind.Internal);
        span.GetTagItem(MessageTelemetry.KindTag).Should().Be("command");
        span.GetTagItem(MessageTelemetry.OutcomeTag).Should().Be("ok");
        span.Status.Should().Be(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task Handle_Should_leave_the_status_unset_and_record_the_code_When_the_failure_is_the_callers()
    {
        var act = () => _behaviour.Handle(Command, Failing(TwilioProviderConflicts.AccountAlreadyConnected()), CancellationToken.None).AsTask();

        await act.Should().ThrowAsync<Exception>();
        var span = MessageSpan();
        span.GetTagItem(MessageTelemetry.OutcomeTag).Should().Be("provider_already_exists");
        span.Status.Should().Be(ActivityStatusCode.Unset);
        span.GetTagItem("error.type").Should().BeNull();
    }

    [Fact]
    public async Task Handle_Should_set_error_status_with_the_code_When_Twilio_failed()
    {
        var act = () => _behaviour.Handle(Command, Failing(new TwilioUnavailableException("Twilio failed with HTTP 503.", httpStatus: 503)), CancellationToken.None).AsTask();

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        var span = MessageSpan();
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.StatusDescription.Should().Be("twilio_unavailable");
        span.GetTagItem("error.type").Should().Be("twilio_unavailable");
    }

    [Fact]
    public async Task Handle_Should_record_the_exception_type_but_not_its_message_When_the_handler_has_a_bug()
    {
        var act = () => _behaviour.Handle(Command, Failing(new InvalidOperationException($"boom {TestValues.AuthToken}")), CancellationToken.None).AsTask();

        await act.Should().ThrowAsync<InvalidOperationException>();
        var span = MessageSpan();
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.GetTagItem("error.type").Should().Be(typeof(InvalidOperationException).FullName);
        span.GetTagItem(MessageTelemetry.OutcomeTag).Should().Be("error");
        span.Events.Should().BeEmpty("an exception event would carry the message");
        var text = string.Join('\n', span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}").Append(span.StatusDescription).Append(span.DisplayName));
        text.Should().NotContain(TestValues.AuthToken);
    }

    public void Dispose()
    {
        _parent.Dispose();
        _listener.Dispose();
    }

    private Activity MessageSpan()
    {
        lock (_ended)
        {
            return _ended.Should().ContainSingle(span => span.Source.Name == MessageTelemetry.SourceName && span.ParentSpanId == _parent.SpanId).Subject;
        }
    }

    private static MessageHandlerDelegate<CreateTwilioProviderCommand, TwilioProviderResponse> Failing(Exception exception) =>
        (_, _) => ValueTask.FromException<TwilioProviderResponse>(exception);
}
