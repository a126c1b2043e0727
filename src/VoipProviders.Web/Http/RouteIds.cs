using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Domain.Common;

namespace VoipProviders.Web.Http;

/// <summary>Resource ids in routes are UUIDs; anything else is a 400 naming the parameter, not a 404 or a 500.</summary>
internal static class RouteIds
{
    public static Guid Parse(string id, string name = "id") =>
        Guid.TryParse(id, out var parsed) ? parsed : throw RequestValidationException.For(name, $"{name} must be a UUID.");

    /// <summary>A provider's id from the route, parsed once: a non-empty UUID.</summary>
    public static ProviderId Provider(string id) => Provider(Parse(id), "id");

    /// <summary>A provider id that arrived as a UUID (a route or query parameter named <paramref name="name"/>): not the empty one.</summary>
    public static ProviderId Provider(Guid id, string name) =>
        id == Guid.Empty
            ? throw RequestValidationException.For(name, "id must be a non-empty UUID.")
            : ProviderId.From(id);
}
