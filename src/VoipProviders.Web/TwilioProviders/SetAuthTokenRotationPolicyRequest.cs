using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using VoipProviders.Web.Http;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>Body of <c>PUT /api/v1/providers/twilio/{id}/auth-token/rotation-policy</c>.</summary>
public sealed record SetAuthTokenRotationPolicyRequest : IDescribesOpenApiSchema
{
    [Description("Whether the module rotates the Auth Token by itself. Required.")]
    public bool? Enabled { get; init; }

    [Description("Days between rotations: 1 to 365, default 90. The first is due this long after the token last changed (at once if that has passed).")]
    [DefaultValue(90)]
    public int? IntervalDays { get; init; }

    [Description("The propagation delay of each scheduled rotation: 0 to 300 seconds, default 60.")]
    [DefaultValue(60)]
    public int? PropagationDelaySeconds { get; init; }

    /// <summary>Every other member of the body, so that it can be refused by name rather than silently ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    /// <exception cref="Application.Common.Exceptions.RequestValidationException">The body names a field this endpoint does not have.</exception>
    public void ThrowIfOtherFields() => UnknownRequestFields.ThrowIfAny(OtherFields, "enabled, intervalDays, propagationDelaySeconds");

    public static void Describe(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.AdditionalPropertiesAllowed = false;
        schema.AdditionalProperties = null;
        schema.Examples = [new JsonObject { ["enabled"] = true, ["intervalDays"] = 90, ["propagationDelaySeconds"] = 60 }];
    }
}
