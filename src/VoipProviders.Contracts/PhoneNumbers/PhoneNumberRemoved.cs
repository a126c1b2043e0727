namespace VoipProviders.Contracts.PhoneNumbers;

/// <summary>
/// The number no longer routes over the trunk: removed on its own (<see cref="Forced"/> when the tenant overrode the
/// agents still using it), or with its provider (<see cref="WithProvider"/>).
/// </summary>
public sealed record PhoneNumberRemoved(PhoneNumberReference PhoneNumber, bool Forced, bool WithProvider) : IntegrationEvent;
