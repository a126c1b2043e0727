using VoipProviders.Domain.Common;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// Which listing of a Twilio account: the organization's provider at the version that was read (a new Auth Token is a
/// new version, so a rotated token never sees a listing read with the old one) and Twilio's <c>PhoneNumber</c> filter
/// (null: the whole account).
/// </summary>
public sealed record AvailablePhoneNumberListKey(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    long ProviderVersion,
    string? PhoneNumberFilter);
