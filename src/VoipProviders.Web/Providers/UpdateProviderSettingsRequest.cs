using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using VoipProviders.Application.Providers;
using VoipProviders.Web.Http;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.Providers;

/// <summary>Body of <c>PUT /api/v1/providers/settings</c>.</summary>
public sealed record UpdateProviderSettingsRequest : IDescribesOpenApiSchema
{
    [Description("The autoRepair a newly connected provider starts with: off, safe or all. Existing providers keep their own (PUT /api/v1/providers/twilio/{id} changes one).")]
    public string? DefaultAutoRepair { get; init; }

    /// <summary>Every other member of the body, so that it can be refused by name rather than silently ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    /// <exception cref="Application.Common.Exceptions.RequestValidationException">The body names a field this endpoint does not have.</exception>
    public void ThrowIfOtherFields() => UnknownRequestFields.ThrowIfAny(OtherFields, "defaultAutoRepair");

    public static void Describe(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.AdditionalPropertiesAllowed = false;
        schema.AdditionalProperties = null;
        if (schema.Properties?.TryGetValue("defaultAutoRepair", out var mode) == true && mode is OpenApiSchema modeSchema)
        {
            modeSchema.Enum = [.. AutoRepairModes.Names.Select(value => (JsonNode)JsonValue.Create(value))];
        }

        schema.Required = new HashSet<string> { "defaultAutoRepair" };
        schema.Examples = [new JsonObject { ["defaultAutoRepair"] = "safe" }];
    }
}
