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
/// If-None-Match names the tag is answered 304 without a body. A 200's body is serialized here once, hashed and written
/// as it is; a 201 is serialized again by the framework, with its Location (the bytes are the same).
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
        var isOk = result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK or null };
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (!(isGet && isOk) && value is not IVersionedResource)
        {
            return result;
        }

        var body = Serialize(result.GetType(), value);
        var etag = value is IVersionedResource resource ? EntityTags.For(resource.Id, resource.Version, body) : EntityTags.ForContent(body);
        http.Response.Headers.ETag = etag;
        if (!isOk)
        {
            // A 201 keeps the framework's result (its Location); it writes the same bytes again.
            return result;
        }

        return isGet && EntityTags.NoneMatchFails(http.Request, etag) ? NotModifiedResult.Instance : new Utf8JsonResult(body);
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
