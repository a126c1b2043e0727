using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VoipProviders.Application.Common.Documentation;

namespace VoipProviders.Web.OpenApi;

/// <summary>
/// Lets types describe themselves: <see cref="IHasExample"/> types contribute their example and
/// <see cref="IDescribesOpenApiSchema"/> types finish their schema; timestamps are strings of the date-time format.
/// </summary>
internal sealed class TypeDescriptionSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly MethodInfo ApplyExampleMethod =
        typeof(TypeDescriptionSchemaTransformer).GetMethod(nameof(ApplyExample), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo ApplyDescriptionMethod =
        typeof(TypeDescriptionSchemaTransformer).GetMethod(nameof(ApplyDescription), BindingFlags.NonPublic | BindingFlags.Static)!;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        // Timestamps go through a converter (UTC, 'Z'), which hides their JSON type from the schema generator.
        if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
        {
            schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
            return Task.CompletedTask;
        }

        if (typeof(IHasExample).IsAssignableFrom(type) && !type.IsAbstract)
        {
            ApplyExampleMethod.MakeGenericMethod(type).Invoke(null, [schema]);
        }

        if (typeof(IDescribesOpenApiSchema).IsAssignableFrom(type) && !type.IsAbstract)
        {
            ApplyDescriptionMethod.MakeGenericMethod(type).Invoke(null, [schema]);
        }

        return Task.CompletedTask;
    }

    private static void ApplyExample<T>(OpenApiSchema schema)
        where T : IHasExample =>
        schema.Examples = [T.Example.DeepClone()];

    private static void ApplyDescription<T>(OpenApiSchema schema)
        where T : IDescribesOpenApiSchema =>
        T.Describe(schema);
}
