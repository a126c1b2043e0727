namespace VoipProviders.Application.Contracts.PhoneNumbers;

/// <summary>Published in-process after the import committed: these numbers now route over the provider's trunk.</summary>
public sealed record PhoneNumbersImported(string OrganizationId, Guid ProviderId, IReadOnlyList<PhoneNumberReference> PhoneNumbers)
    : IIntegrationEvent;
