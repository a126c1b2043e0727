using Mediator;
using VoipProviders.Application.Common.Behaviours;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

namespace VoipProviders.Application.UnitTests.Behaviours;

public sealed class IdempotentResponseBehaviourTests
{
    private static readonly UpdateTwilioAuthTokenCommand Command = new(TestValues.OrganizationId, TestValues.ProviderId, TwilioAuthToken.From(TestValues.NewAuthToken));
    private static readonly ClaimedIdempotencyKey Claim = new(TestValues.OrganizationId, "endpoint", "key", Guid.NewGuid());

    private readonly IdempotencyContext _idempotency = new();
    private readonly IdempotentResponseBehaviour<UpdateTwilioAuthTokenCommand, TwilioProviderResponse> _behaviour;

    public IdempotentResponseBehaviourTests() => _behaviour = new(_idempotency);

    [Fact]
    public async Task Handle_Should_make_the_first_result_the_endpoint_answers_with_the_response_to_store()
    {
        var first = TestValues.SampleResponse();
        _idempotency.Begin(Claim, result => new StoredResponse(201, null, result == (object)first ? "first" : "later", null, null));

        await _behaviour.Handle(Command, Returning(first), CancellationToken.None);
        await _behaviour.Handle(Command, Returning(TestValues.SampleResponse()), CancellationToken.None);

        _idempotency.Response!.Body.Should().Be("first");
        _idempotency.IsStored.Should().BeFalse("only the unit of work's commit stores it");
    }

    [Fact]
    public async Task Handle_Should_not_take_a_result_the_endpoint_does_not_answer_with()
    {
        _idempotency.Begin(Claim, _ => null);

        await _behaviour.Handle(Command, Returning(TestValues.SampleResponse()), CancellationToken.None);

        _idempotency.Response.Should().BeNull();
        _idempotency.AwaitsResponse.Should().BeTrue();
    }

    [Fact]
    public async Task Handle_Should_leave_a_request_without_a_key_alone()
    {
        var response = await _behaviour.Handle(Command, Returning(TestValues.SampleResponse()), CancellationToken.None);

        response.Should().NotBeNull();
        _idempotency.Claim.Should().BeNull();
        _idempotency.Response.Should().BeNull();
    }

    private static MessageHandlerDelegate<UpdateTwilioAuthTokenCommand, TwilioProviderResponse> Returning(TwilioProviderResponse response) =>
        (_, _) => ValueTask.FromResult(response);
}
