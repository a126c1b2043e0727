namespace VoipProviders.Application.Common.Exceptions;

/// <summary>The request conflicts with the current state of a resource. <see cref="Code"/> says which conflict.</summary>
public sealed class ConflictException(string errorCode, string message, Exception? innerException = null)
    : ExpectedFailureException(message, innerException)
{
    public const string ConcurrentUpdateCode = "concurrent_update";

    public override FailureKind Kind => FailureKind.Conflict;

    public override string Code { get; } = errorCode;

    public override string Title => "Conflict";

    public static ConflictException ConcurrentUpdate(Exception? innerException = null) =>
        new(ConcurrentUpdateCode, "The resource was changed by another request at the same time. Read it again and retry.", innerException);
}
