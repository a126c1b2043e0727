namespace VoipProviders.Application.Common.Exceptions;

/// <summary>
/// A command or query failed validation. <see cref="Errors"/> maps camelCase field names (as the JSON API spells them)
/// to messages; messages never contain the rejected value.
/// </summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
