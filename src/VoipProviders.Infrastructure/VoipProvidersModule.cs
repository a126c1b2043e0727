using Mediator;
using VoipProviders.Application.Contracts;

namespace VoipProviders.Infrastructure;

internal sealed class VoipProvidersModule(ISender sender) : IVoipProvidersModule
{
    public ValueTask<TResult> ExecuteCommandAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken) =>
        sender.Send(command, cancellationToken);

    public ValueTask<TResult> ExecuteQueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken) =>
        sender.Send(query, cancellationToken);
}
