using Mediator;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers.Commands.ImportPhoneNumbers;

/// <summary>
/// Imports numbers of the provider's Twilio account: each is attached to the provider's trunk and recorded. It carries
/// on past numbers that cannot be imported and says why for each; a SID given twice counts once.
/// </summary>
public sealed record ImportPhoneNumbersCommand(OrganizationId OrganizationId, ProviderId ProviderId, IReadOnlyList<string> PhoneNumberSids)
    : ICommand<ImportPhoneNumbersResponse>
{
    public const int MaxPhoneNumbers = 1000;
}
