using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.IntegrationTests.Persistence;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>
/// A replica the Idempotency-Key fault tests share (started on first use, stopped after the class) whose database
/// context goes through <see cref="Interceptor"/>, disarmed at the start of each test. It runs no background jobs.
/// </summary>
public sealed class IdempotencyFaultReplica : IAsyncLifetime
{
    private TestHost? _host;

    public IdempotencyStatementsInterceptor Interceptor { get; } = new();

    public async Task<TestHost> StartedAsync(IntegrationFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Interceptor.Disarm();
        return _host ??= await fixture.StartHostInterceptingAsync(Interceptor);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
