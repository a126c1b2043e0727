using Mediator;
using VoipProviders.Application.Common.Behaviours;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Behaviours;

public sealed class ValidationBehaviourTests
{
    private readonly TwilioProviderResponse _response = TestValues.SampleResponse();
    private int _nextCalls;

    [Fact]
    public async Task Handle_Should_throw_with_camelCase_field_keys_and_not_call_next_When_the_command_is_invalid()
    {
        var behaviour = new ValidationBehaviour<CreateTwilioProviderCommand, TwilioProviderResponse>([new CreateTwilioProviderCommandValidator()]);
        var command = new CreateTwilioProviderCommand(TestValues.OrganizationId, null, TwilioAuthToken.From(TestValues.UppercaseToken), " ", "EU1");

        var act = async () => await behaviour.Handle(command, Next<CreateTwilioProviderCommand>(), CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<RequestValidationException>()).Which;
        exception.Errors.Keys.Should().BeEquivalentTo(["accountSid", "authToken", "name", "region"]);
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Handle_Should_never_echo_the_token_When_the_update_is_invalid()
    {
        var behaviour = new ValidationBehaviour<UpdateTwilioAuthTokenCommand, TwilioProviderResponse>([new UpdateTwilioAuthTokenCommandValidator()]);
        var command = new UpdateTwilioAuthTokenCommand(TestValues.OrganizationId, TestValues.ProviderId, TwilioAuthToken.From(TestValues.UppercaseToken));

        var act = async () => await behaviour.Handle(command, Next<UpdateTwilioAuthTokenCommand>(), CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<RequestValidationException>()).Which;
        exception.Errors.Keys.Should().BeEquivalentTo(["authToken"]);
        exception.Errors.Values.SelectMany(m => m).Should().AllSatisfy(m => m.Should().NotContain(TestValues.UppercaseToken));
        exception.Message.Should().NotContain(TestValues.UppercaseToken);
        _nextCalls.Should().Be(0);
    }

    [Fact]
    public async Task Handle_Should_merge_duplicate_messages_When_several_validators_report_the_same_failure()
    {
        var behaviour = new ValidationBehaviour<UpdateTwilioAuthTokenCommand, TwilioProviderResponse>(
            [new UpdateTwilioAuthTokenCommandValidator(), new UpdateTwilioAuthTokenCommandValidator()]);
        var command = new UpdateTwilioAuthTokenCommand(TestValues.OrganizationId, TestValues.ProviderId, TwilioAuthToken.From(TestValues.UppercaseToken));

        var act = async () => await behaviour.Handle(command, Next<UpdateTwilioAuthTokenCommand>(), CancellationToken.None);

        var exception = (await act.Should().ThrowAsync<RequestValidationException>()).Which;
        exception.Errors.Should().ContainSingle().Which.Value
            .Should().Equal("authToken must be exactly 32 lowercase hexadecimal characters.");
    }

    [Fact]
    public async Task Handle_Should_call_next_once_and_return_its_response_When_the_command_is_valid()
    {
        var behaviour = new ValidationBehaviour<CreateTwilioProviderCommand, TwilioProviderResponse>([new CreateTwilioProviderCommandValidator()]);
        var command = new CreateTwilioProviderCommand(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));

        var response = await behaviour.Handle(command, Next<CreateTwilioProviderCommand>(), CancellationToken.None);

        response.Should().BeSameAs(_response);
        _nextCalls.Should().Be(1);
    }

    [Fact]
    public async Task Handle_Should_call_next_When_the_message_has_no_validator()
    {
        var behaviour = new ValidationBehaviour<CreateTwilioProviderCommand, TwilioProviderResponse>([]);
        var command = new CreateTwilioProviderCommand(TestValues.OrganizationId, null, TwilioAuthToken.From(""));

        var response = await behaviour.Handle(command, Next<CreateTwilioProviderCommand>(), CancellationToken.None);

        response.Should().BeSameAs(_response);
        _nextCalls.Should().Be(1);
    }

    private MessageHandlerDelegate<TMessage, TwilioProviderResponse> Next<TMessage>()
        where TMessage : IMessage =>
        (_, _) =>
        {
            _nextCalls++;
            return ValueTask.FromResult(_response);
        };
}
