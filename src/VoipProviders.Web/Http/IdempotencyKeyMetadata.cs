using System.Text;
using System.Text.Json;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Application.Common.Models;

namespace VoipProviders.Web.Http;

/// <summary>
/// Marks an endpoint that honours the <c>Idempotency-Key</c> header, under a stable name for its records, and says how
/// it answers its command's result: the response stored with the command's commit, which a retry replays.
/// </summary>
internal sealed class IdempotencyKeyMetadata
{
    private readonly Type _resultType;
    private readonly Func<object, string> _locationOf;

    private IdempotencyKeyMetadata(string endpoint, Type resultType, Func<object, string> locationOf)
    {
        Endpoint = endpoint;
        _resultType = resultType;
        _locationOf = locationOf;
    }

    public string Endpoint { get; }

    /// <summary>
    /// An endpoint that answers <c>201 Created</c> (<c>TypedResults.Created</c>) with its command's
    /// <typeparamref name="TResult"/> as JSON, at <paramref name="locationOf"/>, with the ETag of a versioned resource.
    /// </summary>
    public static IdempotencyKeyMetadata Created<TResult>(string endpoint, Func<TResult, string> locationOf)
        where TResult : class =>
        new(endpoint, typeof(TResult), result => locationOf((TResult)result));

    /// <summary>The response the endpoint answers with for <paramref name="result"/>, byte for byte; null for another command's result.</summary>
    public StoredResponse? ResponseTo(object result, JsonSerializerOptions json)
    {
        if (result.GetType() != _resultType)
        {
            return null;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(result, _resultType, json);
        return new StoredResponse(
            StatusCodes.Status201Created,
            "application/json; charset=utf-8",
            Encoding.UTF8.GetString(body),
            _locationOf(result),
            result is IVersionedResource resource ? EntityTags.For(resource.Id, resource.Version, body) : null);
    }
}
