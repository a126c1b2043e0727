using Mediator;
using VoipProviders.Application.Common.Interfaces;

namespace VoipProviders.Application.Common.Behaviours;

/// <summary>
/// Innermost behaviour for commands: commits once after the handler returned. If the handler or the commit fails,
/// the compensations the handler registered for external side effects run before the failure propagates.
/// </summary>
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(IUnitOfWork unitOfWork) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        try
        {
            var response = await next(message, cancellationToken);
            await unitOfWork.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await unitOfWork.CompensateAsync();
            throw;
        }
    }
}
