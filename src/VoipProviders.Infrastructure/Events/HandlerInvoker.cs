using System.Collections.Concurrent;
using System.Linq.Expressions;
using VoipProviders.Contracts;

namespace VoipProviders.Infrastructure.Events;

/// <summary>Calls <c>IIntegrationEventHandler&lt;T&gt;.HandleAsync</c> for an event type known only at run time (compiled once per type).</summary>
internal static class HandlerInvoker
{
    private static readonly ConcurrentDictionary<Type, Func<object, IntegrationEvent, CancellationToken, Task>> Invokers = new();

    public static Func<object, IntegrationEvent, CancellationToken, Task> For(Type eventType) => Invokers.GetOrAdd(eventType, Compile);

    private static Func<object, IntegrationEvent, CancellationToken, Task> Compile(Type eventType)
    {
        var handlerType = IntegrationEventSubscriptions.HandlerInterfaceFor(eventType);
        var handler = Expression.Parameter(typeof(object), "handler");
        var integrationEvent = Expression.Parameter(typeof(IntegrationEvent), "integrationEvent");
        var token = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        var call = Expression.Call(
            Expression.Convert(handler, handlerType),
            handlerType.GetMethod(nameof(IIntegrationEventHandler<IntegrationEvent>.HandleAsync))!,
            Expression.Convert(integrationEvent, eventType),
            token);
        return Expression.Lambda<Func<object, IntegrationEvent, CancellationToken, Task>>(call, handler, integrationEvent, token).Compile();
    }
}
