using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using VoipProviders.Domain.Twilio;
using VoipProviders.Web.OpenApi;

namespace VoipProviders.Web.TwilioProviders;

/// <summary>Body of <c>PATCH /api/v1/providers/twilio/{id}/auth-token</c>.</summary>
public sealed record UpdateTwilioAuthTokenRequest : IDescribesOpenApiSchema
{
    [Required]
    [Description("The new Auth Token: 32 lowercase hexadecimal characters. Twilio must accept it for the provider's Account SID before it is stored.")]
    public TwilioAuthToken? AuthToken { get; init; }

    public static void Describe(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.Examples = [new JsonObject { ["authToken"] = "fedcba9876543210fedcba9876543210" }];
    }
}
