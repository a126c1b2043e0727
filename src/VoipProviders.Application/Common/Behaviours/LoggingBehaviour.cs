using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Common.Behaviours;

/// <summary>
/// Outermost behaviour: logs each message's name, outcome and duration. It never logs the message itself, which may
/// carry secrets (an Auth Token).
/// </summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(
    ILogger<LoggingBehaviour<TMessage, TResponse>> logger,
    TimeProvider timeProvider) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var messageName = typeof(TMessage).Name;
        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsedMilliseconds = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            logger.Handled(messageName, elapsedMilliseconds);
            return response;
        }
        catch (Exception exception) when (IsExpectedOutcome(exception))
        {
            var elapsedMilliseconds = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            logger.Rejected(messageName, elapsedMilliseconds, OutcomeCode(exception));
            throw;
        }
        catch (Exception exception)
        {
            var elapsedMilliseconds = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            logger.Failed(exception, messageName, elapsedMilliseconds);
            throw;
        }
    }

    private static bool IsExpectedOutcome(Exception exception) =>
        exception is ExpectedFailureException or DomainRuleViolationException or OperationCanceledException;

    private static string OutcomeCode(Exception exception) => exception switch
    {
        ExpectedFailureException expected => expected.Code,
        DomainRuleViolationException rule => rule.Code,
        _ => "cancelled",
    };
}
