using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoipProviders.Contracts;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Events;

/// <summary>
/// The outbox needs every subscriber of an event in the commit of the change that raises it. A handler that cannot be
/// created used to be met there first, and then every rename of every provider answered 500; now the host refuses to
/// start and says which handler of which event failed.
/// </summary>
public sealed class HandlerThatCannotBeCreatedTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public void The_host_refuses_to_start_naming_the_event_and_the_handler_that_cannot_be_created()
    {
        var refusal = HostStart.RefusalOf(
            Fixture,
            new Dictionary<string, string>(),
            services => services.AddScoped<IIntegrationEventHandler<ProviderUpdated>, UnconstructibleHandler>());

        refusal.Should().BeOfType<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should()
            .StartWith($"A handler of {nameof(ProviderUpdated)} cannot be created")
            .And.Contain(typeof(UnconstructibleHandler).FullName)
            .And.Contain("its dependency is missing");
    }

    private sealed class UnconstructibleHandler : IIntegrationEventHandler<ProviderUpdated>
    {
        public UnconstructibleHandler() => throw new InvalidOperationException("its dependency is missing");

        public Task HandleAsync(ProviderUpdated integrationEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
