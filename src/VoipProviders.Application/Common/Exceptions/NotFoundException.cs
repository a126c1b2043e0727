namespace VoipProviders.Application.Common.Exceptions;

/// <summary>The resource does not exist in the caller's organization (which includes: it belongs to another one).</summary>
public sealed class NotFoundException(string resource, object id)
    : ExpectedFailureException($"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;

    public string Id { get; } = id.ToString() ?? string.Empty;

    public override FailureKind Kind => FailureKind.NotFound;

    public override string Code => "not_found";

    public override string Title => "Not found";
}
