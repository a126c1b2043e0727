namespace VoipProviders.Contracts.PhoneNumbers;

/// <summary>These numbers now route over the provider's trunk.</summary>
public sealed record PhoneNumbersImported(IReadOnlyList<PhoneNumberReference> PhoneNumbers) : IntegrationEvent;
