namespace VoipProviders.Application.Contracts.PhoneNumbers;

/// <summary>
/// Published in-process after the removal committed: these numbers no longer route over the trunk — removed one by
/// one, or all at once because their provider was deleted (<see cref="ProviderDeleted"/>).
/// </summary>
public sealed record PhoneNumbersRemoved(
    string OrganizationId,
    Guid ProviderId,
    IReadOnlyList<PhoneNumberReference> PhoneNumbers,
    bool ProviderDeleted) : IIntegrationEvent;
