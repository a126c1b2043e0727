using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;
using VoipProviders.Domain.Providers;
using VoipProviders.Web.Http;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>
/// Body of <c>PUT /api/v1/providers/twilio/{id}</c>: a partial update. A field that is absent (or null) keeps its
/// value; any field that is not updatable is refused by name.
/// </summary>
public sealed record UpdateTwilioProviderRequest : IDescribesOpenApiSchema
{
    [StringLength(ProviderName.MaxLength, MinimumLength = 1)]
    [Description("New display name (ours alone: the trunk in Twilio is not renamed).")]
    public string? Name { get; init; }

    [Description("New Twilio edge; recomputes terminationUri. No Twilio call.")]
    public string? Region { get; init; }

    [Description("Applied to the trunk in Twilio first (TransferMode enable-all / disable-all); stored only if Twilio accepts it.")]
    public bool? SupportsCallTransfer { get; init; }

    [Description("Applied to the trunk in Twilio first (Secure); stored only if Twilio accepts it. The termination URI and the origination URLs move to or off TLS.")]
    public bool? SecureTrunking { get; init; }

    [Description("Which repairs the module applies by itself when a scheduled or after-change verification finds drift: off, safe (every repair but recreating a deleted trunk) or all. Ours alone: no Twilio call.")]
    public string? AutoRepair { get; init; }

    /// <summary>Every other member of the body, so that it can be refused by name rather than silently ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    /// <exception cref="RequestValidationException">The body names a field this endpoint cannot change.</exception>
    public void ThrowIfOtherFields() =>
        UnknownRequestFields.ThrowIfAny(OtherFields, field => field switch
        {
            "accountSid" => "accountSid cannot change: a provider belongs to one Twilio account. Connect the other account as a new provider.",
            "authToken" => "authToken is not changed here: rotate it with PATCH /api/v1/providers/twilio/{id}/auth-token, which checks it with Twilio first.",
            _ => $"{field} cannot be updated; the updatable fields are {UpdateTwilioProviderCommand.UpdatableFields}.",
        });

    public static void Describe(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        RequestSchemas.AllowRegions(schema, withDefault: false);
        if (schema.Properties?.TryGetValue("autoRepair", out var autoRepair) == true && autoRepair is OpenApiSchema autoRepairSchema)
        {
            autoRepairSchema.Enum = [.. AutoRepairModes.Names.Select(mode => (JsonNode)JsonValue.Create(mode))];
        }

        schema.AdditionalPropertiesAllowed = false;
        schema.AdditionalProperties = null;
        schema.MinProperties = 1;
        schema.Examples = [new JsonObject { ["name"] = "Production Twilio (EU)", ["region"] = "de1", ["supportsCallTransfer"] = true }];
    }
}
