using System.Text.RegularExpressions;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Domain.PhoneNumbers;

/// <summary>
/// A number of the tenant's Twilio account that a provider imported: it is attached to the provider's trunk, so its
/// calls route over it. A number is imported by at most one provider anywhere; it belongs to that provider's
/// organization and goes when the provider goes.
/// </summary>
public sealed partial class ImportedPhoneNumber
{
    public const string SidPattern = "^PN[0-9a-f]{32}$";
    public const int MaxFriendlyNameLength = 64;

    private ImportedPhoneNumber()
    {
        // For EF Core materialization.
        PhoneNumberSid = null!;
        PhoneNumber = null!;
        FriendlyName = null!;
        Capabilities = null!;
    }

    public Guid Id { get; private set; }

    public OrganizationId OrganizationId { get; private set; }

    public ProviderId ProviderId { get; private set; }

    public string PhoneNumberSid { get; private set; }

    /// <summary>E.164, e.g. +14155550100.</summary>
    public string PhoneNumber { get; private set; }

    public string FriendlyName { get; private set; }

    public PhoneNumberCapabilities Capabilities { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Whether the text is a phone number SID as Twilio issues them (the length check: '$' also matches before "\n").</summary>
    public static bool IsPhoneNumberSid(string? value) => value is { Length: 34 } && SidRegex().IsMatch(value);

    /// <summary>
    /// The friendly name a number is stored and shown with: Twilio's, made clean display text (<see cref="DisplayText.Clean"/>:
    /// Twilio allows characters we do not, and cutting it must not split an emoji), or the number when nothing is left.
    /// </summary>
    public static string FriendlyNameFor(string? friendlyName, string phoneNumber) =>
        DisplayText.Clean(friendlyName, MaxFriendlyNameLength) is { Length: > 0 } shown ? shown : DisplayText.Clean(phoneNumber, MaxFriendlyNameLength);

    public static ImportedPhoneNumber Import(
        Guid id,
        OrganizationId organizationId,
        ProviderId providerId,
        string phoneNumberSid,
        string phoneNumber,
        string? friendlyName,
        PhoneNumberCapabilities capabilities,
        DateTimeOffset now)
    {
        organizationId.ThrowIfDefault(nameof(organizationId));
        if (providerId.Value == Guid.Empty)
        {
            throw new ArgumentException("An imported number needs the provider that imports it.", nameof(providerId));
        }

        ArgumentNullException.ThrowIfNull(capabilities);
        if (id == Guid.Empty)
        {
            throw new ArgumentException("An imported number needs an id.", nameof(id));
        }

        if (!IsPhoneNumberSid(phoneNumberSid))
        {
            throw new ArgumentException("Not a Twilio phone number SID.", nameof(phoneNumberSid));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        return new ImportedPhoneNumber
        {
            Id = id,
            OrganizationId = organizationId,
            ProviderId = providerId,
            PhoneNumberSid = phoneNumberSid,
            PhoneNumber = phoneNumber,
            FriendlyName = FriendlyNameFor(friendlyName, phoneNumber),
            Capabilities = capabilities,
            CreatedAt = Timestamps.Normalize(now),
        };
    }

    [GeneratedRegex(SidPattern, RegexOptions.CultureInvariant)]
    private static partial Regex SidRegex();
}
