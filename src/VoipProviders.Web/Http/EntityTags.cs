using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Exceptions;

namespace VoipProviders.Web.Http;

/// <summary>
/// Entity tags (ADR-019). A versioned resource's is strong, <c>"{id}-{version}-{digest}"</c>: the version is what
/// If-Match checks (strong comparison, RFC 9110 §13.1.1: a weak tag or one of another resource never matches, so the
/// change fails with 412), and the digest of the body it came with tells apart representations of one version (a
/// verification result changes what a provider shows without moving its version). Anything else a GET answers (a list,
/// a phone number) is tagged by its digest alone, weak: <c>W/"{digest}"</c>. If-None-Match compares weakly.
/// </summary>
internal static class EntityTags
{
    public const string IfMatchHeader = "If-Match";

    // 72 bits of SHA-256, 12 base64url characters: tells apart two representations of one resource, not a signature.
    private const int DigestBytes = 9;

    public static string For(Guid id, long version, ReadOnlySpan<byte> body) =>
        $"\"{id:N}-{version.ToString(CultureInfo.InvariantCulture)}-{Digest(body)}\"";

    public static string ForContent(ReadOnlySpan<byte> body) => $"W/\"{Digest(body)}\"";

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

        var versions = new List<long>();
        foreach (var tag in tags)
        {
            if (!tag.IsWeak && VersionIn(tag.Tag.Value, id) is { } version)
            {
                versions.Add(version);
            }
        }

        return versions.Count == 0 ? VersionPrecondition.Unsatisfiable : VersionPrecondition.AnyOf(versions);
    }

    /// <summary>
    /// Whether the request's If-None-Match names <paramref name="etag"/> (weak comparison, as a GET uses it) or is
    /// <c>*</c>; false without the header, or when it cannot be read (the request is then answered in full).
    /// </summary>
    public static bool NoneMatchFails(HttpRequest request, string etag)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers.IfNoneMatch;
        if (values.Count == 0 || !EntityTagHeaderValue.TryParseStrictList(values, out var tags)
            || !EntityTagHeaderValue.TryParse(etag, out var current))
        {
            return false;
        }

        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }

    /// <summary>
    /// The version in one of this resource's tags: <c>"{id}-{version}-{digest}"</c>, or <c>"{id}-{version}"</c> as the
    /// API sent them before the digest was added (still honoured, so a client holding one is not refused).
    /// </summary>
    private static long? VersionIn(string? tag, Guid id)
    {
        var prefix = $"\"{id:N}-";
        if (tag is null || !tag.StartsWith(prefix, StringComparison.Ordinal) || !tag.EndsWith('"'))
        {
            return null;
        }

        var rest = tag.AsSpan(prefix.Length, tag.Length - prefix.Length - 1);
        var dash = rest.IndexOf('-');
        var digits = dash < 0 ? rest : rest[..dash];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    private static string Digest(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Base64Url.EncodeToString(hash[..DigestBytes]);
    }
}
