using Mediator;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers.Queries.GetPhoneNumber;

public sealed record GetPhoneNumberQuery(OrganizationId OrganizationId, Guid PhoneNumberId) : IQuery<PhoneNumberResponse>;
