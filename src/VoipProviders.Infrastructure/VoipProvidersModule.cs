using Mediator;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Contracts;

namespace VoipProviders.Infrastructure;

/// <summary>
/// Runs every call in a DI scope of its own, as an HTTP request gets one: a command that failed cannot leave tracked
/// changes behind for the caller's next command to commit by accident, and no call sees another's unit of work.
/// </summary>
internal sealed class VoipProvidersModule(IServiceScopeFactory scopes) : IVoipProvidersModule
{
    public async ValueTask<TResult> ExecuteCommandAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    public async ValueTask<TResult> ExecuteQueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }
}
