using System.Diagnostics;
using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Common.Behaviours;

/// <summary>
/// Outermost behaviour: a span per message (see <see cref="MessageTelemetry"/>), so that the logs, the Twilio calls and
/// the database commands of a message nest under it. It records the message's kind and outcome, never the message:
/// commands carry Auth Tokens. A failure that is the caller's (bad input, not found, conflict) leaves the span's status
/// unset; Twilio failing, a cancellation and a bug set it to error, the way HTTP server spans treat 4xx and 5xx.
/// </summary>
public sealed class TracingBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string SpanName = typeof(TMessage).Name;

    private static readonly string Kind =
        typeof(IBackgroundJob).IsAssignableFrom(typeof(TMessage)) ? "job"
        : typeof(IBaseQuery).IsAssignableFrom(typeof(TMessage)) ? "query"
        : "command";

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        using var activity = MessageTelemetry.ActivitySource.StartActivity(SpanName, ActivityKind.Internal);
        if (activity is null)
        {
            return await next(message, cancellationToken);
        }

        activity.SetTag(MessageTelemetry.KindTag, Kind);
        try
        {
            var response = await next(message, cancellationToken);
            activity.SetTag(MessageTelemetry.OutcomeTag, response is BackgroundJobOutcome outcome ? OutcomeName(outcome) : "ok");
            return response;
        }
        catch (Exception exception)
        {
            var (code, isError) = exception switch
            {
                ExpectedFailureException { Kind: FailureKind.UpstreamFailed or FailureKind.TemporarilyUnavailable } upstream => (upstream.Code, true),
                ExpectedFailureException expected => (expected.Code, false),
                DomainRuleViolationException rule => (rule.Code, false),
                OperationCanceledException => ("cancelled", true),
                _ => ("error", true),
            };
            activity.SetTag(MessageTelemetry.OutcomeTag, code);
            if (isError)
            {
                // The code, never the exception's message or stack: telemetry leaves the process (ADR-020).
                activity.SetTag("error.type", exception is ExpectedFailureException or OperationCanceledException ? code : exception.GetType().FullName);
                activity.SetStatus(ActivityStatusCode.Error, code);
            }

            throw;
        }
    }

    private static string OutcomeName(BackgroundJobOutcome outcome) => outcome switch
    {
        BackgroundJobOutcome.Completed => "completed",
        BackgroundJobOutcome.RetryLater => "retry_later",
        BackgroundJobOutcome.GaveUp => "gave_up",
        _ => "unknown",
    };
}
