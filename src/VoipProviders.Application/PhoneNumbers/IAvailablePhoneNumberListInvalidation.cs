using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// For commands that change which numbers are on a provider's trunk (an import, a removal): call it once, before the
/// first Twilio change. The provider's cached account listings (<see cref="AvailablePhoneNumberListCache"/>) are
/// dropped after the command commits, or after its compensation ran when it does not, so <c>available-numbers</c>
/// reads Twilio again and shows where the numbers are now.
/// </summary>
public interface IAvailablePhoneNumberListInvalidation
{
    void InvalidateWhenSettled(ProviderId providerId);
}
