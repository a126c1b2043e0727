using System.Text.Json;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Web.Http;

/// <summary>
/// Refuses the members of a request body an endpoint does not know, each by name: a misspelt field must not be
/// silently ignored (and its default taken instead).
/// </summary>
internal static class UnknownRequestFields
{
    /// <exception cref="RequestValidationException">The body has members besides <paramref name="knownFields"/>.</exception>
    public static void ThrowIfAny(IReadOnlyDictionary<string, JsonElement>? others, string knownFields)
    {
        if (others is not { Count: > 0 })
        {
            return;
        }

        throw new RequestValidationException(others.Keys.ToDictionary(
            field => field,
            field => new[] { $"{field} is not a field of this request; its fields are {knownFields}." },
            StringComparer.Ordinal));
    }
}
