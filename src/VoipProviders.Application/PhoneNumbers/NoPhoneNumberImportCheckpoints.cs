namespace VoipProviders.Application.PhoneNumbers;

/// <summary>Production's checkpoints: nothing happens at them.</summary>
public sealed class NoPhoneNumberImportCheckpoints : IPhoneNumberImportCheckpoints
{
    public ValueTask PassedAsync(PhoneNumberImportPoint point, Guid importId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
