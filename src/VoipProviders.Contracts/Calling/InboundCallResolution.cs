namespace VoipProviders.Contracts.Calling;

/// <summary>The owner of an inbound call: the organization, its provider and the imported number that was called.</summary>
public sealed record InboundCallResolution(string OrganizationId, Guid ProviderId, Guid PhoneNumberId, string PhoneNumber);
