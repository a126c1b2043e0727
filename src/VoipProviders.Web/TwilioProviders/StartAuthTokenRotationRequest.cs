using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using VoipProviders.Web.Http;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>Body of <c>POST /api/v1/providers/twilio/{id}/auth-token/rotations</c>.</summary>
public sealed record StartAuthTokenRotationRequest : IDescribesOpenApiSchema
{
    [Description("Seconds between validating the secondary token and promoting it, so systems that read the token from here pick it up first: 0 to 300, default 60.")]
    [DefaultValue(60)]
    public int? PropagationDelaySeconds { get; init; }

    [Description("Must be true: the promotion ends the current Auth Token at once for every other system of the tenant that still uses it.")]
    public bool? AcknowledgeOtherSystemsLoseAccess { get; init; }

    /// <summary>Every other member of the body, so that it can be refused by name rather than silently ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    /// <exception cref="Application.Common.Exceptions.RequestValidationException">The body names a field this endpoint does not have.</exception>
    public void ThrowIfOtherFields() => UnknownRequestFields.ThrowIfAny(OtherFields, "propagationDelaySeconds, acknowledgeOtherSystemsLoseAccess");

    public static void Describe(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.AdditionalPropertiesAllowed = false;
        schema.AdditionalProperties = null;
        schema.Examples = [new JsonObject { ["propagationDelaySeconds"] = 60, ["acknowledgeOtherSystemsLoseAccess"] = true }];
    }
}
