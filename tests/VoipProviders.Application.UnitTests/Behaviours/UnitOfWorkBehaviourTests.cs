using Mediator;
using VoipProviders.Application.Common.Behaviours;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.UnitTests.Fakes;

namespace VoipProviders.Application.UnitTests.Behaviours;

public sealed class UnitOfWorkBehaviourTests
{
    private static readonly UpdateTwilioAuthTokenCommand Command = new(TestValues.OrganizationId, TestValues.ProviderId, TwilioAuthToken.From(TestValues.NewAuthToken));

    private readonly FakeUnitOfWork _unitOfWork = new();
    private readonly UnitOfWorkBehaviour<UpdateTwilioAuthTokenCommand, TwilioProviderResponse> _behaviour;

    public UnitOfWorkBehaviourTests() => _behaviour = new(_unitOfWork);

    [Fact]
    public async Task Handle_Should_commit_once_after_the_handler_returned()
    {
        var expected = TestValues.SampleResponse();
        MessageHandlerDelegate<UpdateTwilioAuthTokenCommand, TwilioProviderResponse> next = (_, _) =>
        {
            _unitOfWork.Events.Add("handler");
            return ValueTask.FromResult(expected);
        };

        var response = await _behaviour.Handle(Command, next, CancellationToken.None);

        response.Should().BeSameAs(expected);
        _unitOfWork.Events.Should().Equal("handler", "commit");
        _unitOfWork.CommitCount.Should().Be(1);
        _unitOfWork.CompensateCount.Should().Be(0);
    }

    [Fact]
    public async Task Handle_Should_not_commit_run_compensations_and_rethrow_When_the_handler_throws()
    {
        var failure = new InvalidOperationException("handler failed");
        var compensated = new List<string>();
        MessageHandlerDelegate<UpdateTwilioAuthTokenCommand, TwilioProviderResponse> next = (_, _) =>
        {
            _unitOfWork.RegisterCompensation("first", _ => Record(compensated, "first"));
            _unitOfWork.RegisterCompensation("second", _ => Record(compensated, "second"));
            throw failure;
        };

        var act = async () => await _behaviour.Handle(Command, next, CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
        _unitOfWork.Events.Should().Equal("compensate");
        _unitOfWork.CommitCount.Should().Be(0);
        compensated.Should().Equal("second", "first");
    }

    [Fact]
    public async Task Handle_Should_run_compensations_and_rethrow_When_the_commit_throws()
    {
        var conflict = ConflictException.ConcurrentUpdate();
        _unitOfWork.CommitException = conflict;
        var compensated = new List<string>();
        MessageHandlerDelegate<UpdateTwilioAuthTokenCommand, TwilioProviderResponse> next = (_, _) =>
        {
            _unitOfWork.RegisterCompensation("delete trunk", _ => Record(compensated, "delete trunk"));
            return ValueTask.FromResult(TestValues.SampleResponse());
        };

        var act = async () => await _behaviour.Handle(Command, next, CancellationToken.None);

        (await act.Should().ThrowAsync<ConflictException>()).Which.Should().BeSameAs(conflict);
        _unitOfWork.Events.Should().Equal("commit", "compensate");
        compensated.Should().Equal("delete trunk");
    }

    [Fact]
    public async Task Handle_Should_pass_the_callers_cancellation_token_to_the_handler_and_the_commit()
    {
        using var cancellation = new CancellationTokenSource();
        CancellationToken seenByHandler = default;
        MessageHandlerDelegate<UpdateTwilioAuthTokenCommand, TwilioProviderResponse> next = (message, token) =>
        {
            message.Should().BeSameAs(Command);
            seenByHandler = token;
            return ValueTask.FromResult(TestValues.SampleResponse());
        };

        await _behaviour.Handle(Command, next, cancellation.Token);

        seenByHandler.Should().Be(cancellation.Token);
    }

    private static Task Record(List<string> journal, string entry)
    {
        journal.Add(entry);
        return Task.CompletedTask;
    }
}
