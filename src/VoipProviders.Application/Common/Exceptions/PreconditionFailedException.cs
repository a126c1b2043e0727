namespace VoipProviders.Application.Common.Exceptions;

/// <summary>The caller asked to change a version of the resource (If-Match) that is no longer the current one.</summary>
public sealed class PreconditionFailedException()
    : ExpectedFailureException("The resource has changed since it was read: its ETag no longer matches If-Match. Read it again and retry.")
{
    public override FailureKind Kind => FailureKind.PreconditionFailed;

    public override string Code => "precondition_failed";

    public override string Title => "Precondition failed";
}
