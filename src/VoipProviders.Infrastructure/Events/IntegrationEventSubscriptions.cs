using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Contracts;

namespace VoipProviders.Infrastructure.Events;

/// <summary>
/// The handlers registered for each event type, by their identity (full type name). Looked up once per event type, in
/// a scope of its own, before the host starts (<see cref="IntegrationEventHandlersStartupCheck"/>; otherwise the first
/// time an event of that type is stored): the registrations do not change while the host runs.
/// </summary>
internal sealed class IntegrationEventSubscriptions(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<Type, string[]> _handlers = new();

    public IReadOnlyList<string> HandlersOf(Type eventType) => _handlers.GetOrAdd(eventType, Find, scopes);

    public static Type HandlerInterfaceFor(Type eventType) => typeof(IIntegrationEventHandler<>).MakeGenericType(eventType);

    public static string IdentityOf(object handler) => handler.GetType().FullName ?? handler.GetType().Name;

    private static string[] Find(Type eventType, IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        return
        [
            .. scope.ServiceProvider.GetServices(HandlerInterfaceFor(eventType))
                .Select(handler => IdentityOf(handler!))
                .Distinct(StringComparer.Ordinal),
        ];
    }
}
