namespace VoipProviders.LoadTests.Reference;

/// <summary>An inbound resolution: the organization, provider and imported number a call belongs to.</summary>
internal sealed record InboundCallRow(string OrganizationId, Guid ProviderId, Guid PhoneNumberId, string PhoneNumber);
