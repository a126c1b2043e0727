using Mediator;
using VoipProviders.Application.Common.Idempotency;

namespace VoipProviders.Application.Common.Behaviours;

/// <summary>
/// Innermost for commands, inside the unit of work: the result of a command run for a request that holds an
/// <c>Idempotency-Key</c> becomes the response the unit of work stores with the command's commit (<see cref="IdempotencyContext"/>).
/// </summary>
public sealed class IdempotentResponseBehaviour<TMessage, TResponse>(IdempotencyContext idempotency) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        return idempotency.AwaitsResponse ? OfferAsync(message, next, cancellationToken) : next(message, cancellationToken);
    }

    private async ValueTask<TResponse> OfferAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        idempotency.OfferResult(response);
        return response;
    }
}
