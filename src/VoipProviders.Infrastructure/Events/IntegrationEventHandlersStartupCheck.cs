using Microsoft.Extensions.Options;

namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// Creates every handler of every integration event once, when the settings are checked before the host starts, and so
/// learns who subscribes to what. The outbox needs the subscribers in the commit of each change that raises an event: a
/// handler that cannot even be created would otherwise fail every such API call with a 500. Here it stops the host
/// instead, with a message naming the event and, where it can be told, the handler.
/// </summary>
internal sealed class IntegrationEventHandlersStartupCheck(IntegrationEventSubscriptions subscriptions) : IValidateOptions<IntegrationEventsOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationEventsOptions options)
    {
        var failures = new List<string>();
        foreach (var eventType in IntegrationEventTypes.All.OrderBy(type => type.Name, StringComparer.Ordinal))
        {
            try
            {
                _ = subscriptions.HandlersOf(eventType);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                var thrower = exception.TargetSite?.DeclaringType?.FullName ?? "one of them";
                failures.Add(
                    $"A handler of {eventType.Name} cannot be created ({thrower} threw {exception.GetType().Name}: {exception.Message}). "
                    + "Fix its registration or its dependencies: the changes that raise the event cannot commit without it.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
