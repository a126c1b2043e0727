namespace VoipProviders.Application.Common.Exceptions;

/// <summary>The resource does not exist in the caller's organization (which includes: it belongs to another one).</summary>
public sealed class NotFoundException(string resource, object id)
    : Exception($"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;

    public string Id { get; } = id.ToString() ?? string.Empty;
}
