using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Models;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace VoipProviders.Web.Http;

/// <summary>
/// Tags what an endpoint answers (ADR-019): a versioned resource with its version and the digest of its body, whatever
/// the method; the rest of what a GET answers with 200 (lists, phone numbers) with the digest alone. A GET whose
/// If-None-Match names the tag is answered 304 without a body. The body of a GET is serialized here once, hashed and
/// written as it is; other responses are serialized by the framework as before (their bytes are the same).
/// </summary>
internal sealed class ETagResponseFilter(IOptions<JsonOptions> jsonOptions) : IEndpointFilter
{
    private static readonly ConcurrentDictionary<Type, Type?> DeclaredTypes = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        if (result is not IValueHttpResult { Value: { } value })
        {
            return result;
        }

        var http = context.HttpContext;
        var isFullGet = HttpMethods.IsGet(http.Request.Method) && result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK or null };
        if (!isFullGet && value is not IVersionedResource)
        {
            return result;
        }

        var body = Serialize(result.GetType(), value);
        var etag = value is IVersionedResource resource ? EntityTags.For(resource.Id, resource.Version, body) : EntityTags.ForContent(body);
        http.Response.Headers.ETag = etag;
        if (!isFullGet)
        {
            return result;
        }

        return EntityTags.NoneMatchFails(http.Request, etag) ? NotModifiedResult.Instance : new Utf8JsonResult(body);
    }

    /// <summary>The bytes the framework would write for <paramref name="value"/> of a result of <paramref name="resultType"/>.</summary>
    private byte[] Serialize(Type resultType, object value)
    {
        var options = jsonOptions.Value.SerializerOptions;
        var declared = DeclaredTypes.GetOrAdd(resultType, static type => type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValueHttpResult<>))?
            .GetGenericArguments()[0]);
        JsonTypeInfo typeInfo = options.GetTypeInfo(declared ?? value.GetType());
        // As the framework decides: the declared type's contract unless the value is of another type the contract
        // does not cover (no polymorphism configured), then the value's own.
        if (typeInfo.Type != value.GetType() && typeInfo.PolymorphismOptions is null)
        {
            typeInfo = options.GetTypeInfo(value.GetType());
        }

        return JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
    }
}
