using VoipProviders.Contracts.PhoneNumbers;

namespace VoipProviders.Contracts.Providers;

/// <summary>
/// The provider is gone, with its numbers (each also announced by a <see cref="PhoneNumberRemoved"/> just before);
/// its Twilio resources are being cleaned up.
/// </summary>
public sealed record ProviderDeleted(IReadOnlyList<PhoneNumberReference> RemovedPhoneNumbers) : IntegrationEvent;
