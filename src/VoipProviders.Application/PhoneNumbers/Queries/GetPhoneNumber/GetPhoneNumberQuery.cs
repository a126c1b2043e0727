using Mediator;

namespace VoipProviders.Application.PhoneNumbers.Queries.GetPhoneNumber;

public sealed record GetPhoneNumberQuery(string OrganizationId, Guid PhoneNumberId) : IQuery<PhoneNumberResponse>;
