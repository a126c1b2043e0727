using Mediator;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Messaging;
using VoipProviders.Contracts;

namespace VoipProviders.Infrastructure;

/// <summary>
/// Runs every call in a DI scope of its own, as an HTTP request gets one: a command that failed cannot leave tracked
/// changes behind for the caller's next command to commit by accident, and no call sees another's unit of work.
/// The module's own commands (background jobs, scheduler steps) carry no organization and are refused: another module
/// must never run a clean-up, a reconciliation or a verification of a provider it names by id alone.
/// </summary>
internal sealed class VoipProvidersModule(IServiceScopeFactory scopes) : IVoipProvidersModule
{
    public async ValueTask<TResult> ExecuteCommandAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is IModuleInternalCommand)
        {
            throw new InvalidOperationException(
                $"{command.GetType().Name} is one of the VoipProviders module's own jobs: it carries no organization and cannot be sent " +
                $"through {nameof(IVoipProvidersModule)}. Send the organization-scoped command instead.");
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    public async ValueTask<TResult> ExecuteQueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }
}
