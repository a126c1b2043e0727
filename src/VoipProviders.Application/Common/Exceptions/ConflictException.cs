namespace VoipProviders.Application.Common.Exceptions;

/// <summary>The request conflicts with the current state of a resource. <see cref="ErrorCode"/> is machine-readable.</summary>
public sealed class ConflictException(string errorCode, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public const string ProviderAlreadyExistsCode = "provider_already_exists";
    public const string ConcurrentUpdateCode = "concurrent_update";

    public string ErrorCode { get; } = errorCode;

    public static ConflictException ProviderAlreadyExists(Exception? innerException = null) =>
        new(ProviderAlreadyExistsCode, "A Twilio provider with this Account SID already exists in this organization.", innerException);

    public static ConflictException ConcurrentUpdate(Exception? innerException = null) =>
        new(ConcurrentUpdateCode, "The provider was changed by another request at the same time. Read it again and retry.", innerException);
}
