using VoipProviders.Contracts;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Contracts.Providers;
using VoipProviders.Infrastructure.Events;

namespace VoipProviders.Infrastructure.UnitTests.Events;

public sealed class HandlerInvokerTests
{
    [Fact]
    public async Task For_Should_call_the_handlers_HandleAsync_with_the_event_and_the_token()
    {
        var handler = new RecordingHandler();
        var deleted = new ProviderDeleted([]) { ProviderId = Guid.NewGuid() };
        using var cancellation = new CancellationTokenSource();

        await HandlerInvoker.For(typeof(ProviderDeleted))(handler, deleted, cancellation.Token);

        handler.Deleted.Should().ContainSingle().Which.Should().BeSameAs(deleted);
        handler.Tokens.Should().Equal(cancellation.Token);
        handler.Rotated.Should().BeEmpty();
    }

    [Fact]
    public async Task For_Should_pick_the_HandleAsync_of_the_events_type_When_a_handler_handles_several()
    {
        var handler = new RecordingHandler();
        var rotated = new SipCredentialRotated("vpuser", 2);

        await HandlerInvoker.For(typeof(SipCredentialRotated))(handler, rotated, CancellationToken.None);

        handler.Rotated.Should().ContainSingle().Which.Should().BeSameAs(rotated);
        handler.Deleted.Should().BeEmpty();
    }

    [Fact]
    public async Task For_Should_return_the_handlers_task()
    {
        var failure = new InvalidOperationException("handler failed");
        var handler = new FailingHandler(failure);

        var act = () => HandlerInvoker.For(typeof(PhoneNumberRemoved))(handler, new PhoneNumberRemoved(null!, Forced: false, WithProvider: false), CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(failure);
    }

    [Fact]
    public void For_Should_compile_once_per_event_type()
    {
        HandlerInvoker.For(typeof(ProviderDeleted)).Should().BeSameAs(HandlerInvoker.For(typeof(ProviderDeleted)));
        HandlerInvoker.For(typeof(ProviderDeleted)).Should().NotBeSameAs(HandlerInvoker.For(typeof(SipCredentialRotated)));
    }

    [Fact]
    public async Task For_Should_refuse_a_handler_of_another_event_type()
    {
        var act = () => HandlerInvoker.For(typeof(ProviderUpdated))(new RecordingHandler(), new ProviderUpdated([], "n", "us1", "sip:x", false, false), CancellationToken.None);

        await act.Should().ThrowAsync<InvalidCastException>();
    }

    private sealed class RecordingHandler : IIntegrationEventHandler<ProviderDeleted>, IIntegrationEventHandler<SipCredentialRotated>
    {
        public List<ProviderDeleted> Deleted { get; } = [];

        public List<SipCredentialRotated> Rotated { get; } = [];

        public List<CancellationToken> Tokens { get; } = [];

        public Task HandleAsync(ProviderDeleted integrationEvent, CancellationToken cancellationToken)
        {
            Deleted.Add(integrationEvent);
            Tokens.Add(cancellationToken);
            return Task.CompletedTask;
        }

        public Task HandleAsync(SipCredentialRotated integrationEvent, CancellationToken cancellationToken)
        {
            Rotated.Add(integrationEvent);
            Tokens.Add(cancellationToken);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingHandler(Exception failure) : IIntegrationEventHandler<PhoneNumberRemoved>
    {
        public Task HandleAsync(PhoneNumberRemoved integrationEvent, CancellationToken cancellationToken) => Task.FromException(failure);
    }
}
