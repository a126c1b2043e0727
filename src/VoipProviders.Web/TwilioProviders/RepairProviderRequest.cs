using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using VoipProviders.Web.Http;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>Body of <c>POST /api/v1/providers/twilio/{id}/repair</c>; optional (no body applies a fresh plan without disruptive actions).</summary>
public sealed record RepairProviderRequest : IDescribesOpenApiSchema
{
    [Description("Applies exactly this plan (from ?dryRun=true): 409 repair_plan_stale when the provider or its Twilio account changed since it was made.")]
    public Guid? PlanId { get; init; }

    [Description("Must be true to apply a plan with a disruptive action (recreate_trunk: the termination URI changes).")]
    public bool? AllowDisruptive { get; init; }

    /// <summary>Every other member of the body, so that it can be refused by name rather than silently ignored.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    /// <exception cref="Application.Common.Exceptions.RequestValidationException">The body names a field this endpoint does not have.</exception>
    public void ThrowIfOtherFields() => UnknownRequestFields.ThrowIfAny(OtherFields, "planId, allowDisruptive");

    public static void Describe(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.AdditionalPropertiesAllowed = false;
        schema.AdditionalProperties = null;
        schema.Examples = [new JsonObject { ["planId"] = "5d0c1f3e-8a2b-8c4d-9e6f-0a1b2c3d4e5f", ["allowDisruptive"] = false }];
    }
}
