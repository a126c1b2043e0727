using System.Globalization;
using Microsoft.Net.Http.Headers;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Web.Http;

/// <summary>
/// ETags of versioned resources, <c>"{id}-{version}"</c> (strong, opaque to clients), and the If-Match preconditions
/// made of them. If-Match uses strong comparison (RFC 9110 §13.1.1): a weak tag, or one of another resource, never
/// matches, so the change fails with 412.
/// </summary>
internal static class EntityTags
{
    public const string IfMatchHeader = "If-Match";

    public static string For(Guid id, long version) =>
        $"\"{id:N}-{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Null when the request has no If-Match (or If-Match: *, which any existing resource satisfies).</summary>
    /// <exception cref="RequestValidationException">If-Match is not a list of entity tags.</exception>
    public static VersionPrecondition? IfMatch(HttpRequest request, Guid id)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0)
        {
            throw RequestValidationException.For(IfMatchHeader, "If-Match must be * or a list of ETags as the API sent them.");
        }

        if (tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        var prefix = $"\"{id:N}-";
        var versions = new List<long>();
        foreach (var tag in tags)
        {
            var text = tag.Tag.Value;
            if (!tag.IsWeak && text is not null && text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith('"')
                && long.TryParse(text.AsSpan(prefix.Length, text.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        return versions.Count == 0 ? VersionPrecondition.Unsatisfiable : VersionPrecondition.AnyOf(versions);
    }
}
