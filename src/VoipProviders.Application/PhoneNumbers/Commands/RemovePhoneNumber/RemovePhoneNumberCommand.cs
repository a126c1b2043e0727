using Mediator;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers.Commands.RemovePhoneNumber;

/// <summary>
/// Removes an imported number: it is detached from the provider's trunk and its record deleted; it stays in the Twilio
/// account and can be imported again. If other modules use it, nothing happens unless <see cref="Force"/> is set — then
/// they are told to let go once the removal is committed.
/// </summary>
public sealed record RemovePhoneNumberCommand(OrganizationId OrganizationId, ProviderId ProviderId, Guid PhoneNumberId, bool Force = false) : ICommand;
