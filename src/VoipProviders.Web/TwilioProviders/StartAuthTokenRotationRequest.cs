using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
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

    public static void Describe(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.Examples = [new JsonObject { ["propagationDelaySeconds"] = 60, ["acknowledgeOtherSystemsLoseAccess"] = true }];
    }
}
