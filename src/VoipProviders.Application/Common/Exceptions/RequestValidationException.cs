namespace VoipProviders.Application.Common.Exceptions;

/// <summary>
/// A command or query failed validation. <see cref="Errors"/> maps camelCase field names (as the JSON API spells them)
/// to messages; messages never contain the rejected value.
/// </summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : ExpectedFailureException("One or more fields are invalid: " + string.Join(", ", errors.Keys))
{
    public const string ValidationFailedCode = "validation_failed";

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public override FailureKind Kind => FailureKind.InvalidRequest;

    public override string Code => ValidationFailedCode;

    public override string Title => "One or more fields are invalid";

    public override string Detail => "See errors for the fields to correct.";

    public static RequestValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}
