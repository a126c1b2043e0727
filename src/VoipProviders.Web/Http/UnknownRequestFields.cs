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
    public static void ThrowIfAny(IReadOnlyDictionary<string, JsonElement>? others, string knownFields) =>
        ThrowIfAny(others, field => $"{field} is not a field of this request; its fields are {knownFields}.");

    /// <summary>As <see cref="ThrowIfAny(IReadOnlyDictionary{string, JsonElement}?, string)"/>, each field with the message <paramref name="messageFor"/> gives it.</summary>
    /// <exception cref="RequestValidationException">The body has other members.</exception>
    public static void ThrowIfAny(IReadOnlyDictionary<string, JsonElement>? others, Func<string, string> messageFor)
    {
        if (others is not { Count: > 0 })
        {
            return;
        }

        throw new RequestValidationException(others.Keys.ToDictionary(field => field, field => new[] { messageFor(field) }, StringComparer.Ordinal));
    }
}
