using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Web.Http;

/// <summary>Resource ids in routes are UUIDs; anything else is a 400 naming <c>id</c>, not a 404 or a 500.</summary>
internal static class RouteIds
{
    public static Guid Parse(string id, string name = "id") =>
        Guid.TryParse(id, out var parsed) ? parsed : throw RequestValidationException.For(name, $"{name} must be a UUID.");
}
