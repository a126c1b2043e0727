using System.Text.Json.Nodes;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>What a Twilio endpoint answers: status, JSON body (null for 204) and an optional raw Retry-After.</summary>
internal sealed record TwilioResult(int Status, JsonNode? Body, string? RetryAfter = null)
{
    public static TwilioResult NoContent { get; } = new(StatusCodes.Status204NoContent, null);

    public static TwilioResult Ok(JsonNode body) => new(StatusCodes.Status200OK, body);

    public static TwilioResult Created(JsonNode body) => new(StatusCodes.Status201Created, body);

    public static TwilioResult Error(int status, int code, string message) => new(status, new JsonObject
    {
        ["code"] = code,
        ["message"] = message,
        ["more_info"] = TwilioErrorCodes.MoreInfo(code),
        ["status"] = status,
    });

    public static TwilioResult Unauthorized() => new(StatusCodes.Status401Unauthorized, new JsonObject
    {
        ["code"] = TwilioErrorCodes.Authenticate,
        ["detail"] = "",
        ["message"] = "Authenticate",
        ["more_info"] = TwilioErrorCodes.MoreInfo(TwilioErrorCodes.Authenticate),
        ["status"] = StatusCodes.Status401Unauthorized,
    });

    public static TwilioResult NotFound(string path) =>
        Error(StatusCodes.Status404NotFound, TwilioErrorCodes.NotFound, $"The requested resource {path} was not found");

    public static TwilioResult BadRequest(string message, int code = TwilioErrorCodes.InvalidParameter) =>
        Error(StatusCodes.Status400BadRequest, code, message);

    public static TwilioResult Missing(string parameter) => BadRequest($"Missing required parameter {parameter} in the post body");

    public static TwilioResult FromFault(EmulatedFault fault) =>
        Error(fault.Status, fault.EffectiveTwilioCode, fault.EffectiveMessage) with { RetryAfter = fault.RetryAfter };
}
