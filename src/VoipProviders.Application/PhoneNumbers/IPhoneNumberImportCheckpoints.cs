namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// Told each time an import passes one of its <see cref="PhoneNumberImportPoint"/>s. Production does nothing here; the
/// tests hold an import at a point (to let another request or the reconciliation job act in between, as a crash or a
/// slow request would leave it) and check that no number is left attached without a record.
/// </summary>
public interface IPhoneNumberImportCheckpoints
{
    ValueTask PassedAsync(PhoneNumberImportPoint point, Guid importId, CancellationToken cancellationToken);
}
