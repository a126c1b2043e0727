namespace VoipProviders.LoadTests.Reference;

/// <summary>RFC 9457 problem responses with the project's machine-readable <c>code</c>s.</summary>
internal static class ReferenceProblems
{
    public static IResult Validation(string field, string message) =>
        Problem(StatusCodes.Status400BadRequest, "validation_failed", "One or more validation errors occurred.", message, field);

    public static IResult NotFound(string what, Guid id) =>
        Problem(StatusCodes.Status404NotFound, "not_found", "Not found", $"{what} {id} was not found.");

    /// <summary>The project's 404 for a resource named by other than an id (its detail as given), with instance and traceId.</summary>
    public static IResult NotFound(string detail, HttpContext http) =>
        Results.Problem(
            detail,
            http.Request.Path,
            StatusCodes.Status404NotFound,
            "Not found",
            extensions: new Dictionary<string, object?> { ["code"] = "not_found", ["traceId"] = http.TraceIdentifier });

    public static IResult PreconditionFailed() =>
        Problem(StatusCodes.Status412PreconditionFailed, "precondition_failed", "Precondition failed", "The resource has changed since it was read (If-Match).");

    public static IResult Conflict(string code, string detail) =>
        Problem(StatusCodes.Status409Conflict, code, "Conflict", detail);

    public static IResult Unprocessable(string code, string detail) =>
        Problem(StatusCodes.Status422UnprocessableEntity, code, "Unprocessable", detail);

    public static IResult Twilio(TwilioUnavailableException unavailable) =>
        Problem(unavailable.Status, unavailable.Code, "Twilio unavailable", unavailable.Message);

    private static IResult Problem(int status, string code, string title, string detail, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null)
        {
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        return Results.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }
}
