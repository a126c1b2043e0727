using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Domain.UnitTests.PhoneNumbers;

public sealed class ImportedPhoneNumberTests
{
    private const string Sid = "PN0123456789abcdef0123456789abcdef";
    private const string Number = "+14155550100";

    private static readonly Guid NumberId = Guid.Parse("0199f6a2-9999-7aaa-8bbb-000000000001");
    private static readonly DateTimeOffset ImportedAt = TestValues.Now.AddDays(1);
    private static readonly PhoneNumberCapabilities VoiceAndSms = new(Voice: true, Sms: true, Mms: false);

    private static ImportedPhoneNumber Import(
        string organizationId = TestValues.OrganizationId,
        Guid? providerId = null,
        Guid? id = null,
        string phoneNumberSid = Sid,
        string phoneNumber = Number,
        string? friendlyName = "(415) 555-0100",
        PhoneNumberCapabilities? capabilities = null,
        DateTimeOffset? now = null) =>
        ImportedPhoneNumber.Import(
            id ?? NumberId,
            OrganizationId.Parse(organizationId),
            ProviderId.From(providerId ?? TestValues.ProviderId),
            phoneNumberSid,
            phoneNumber,
            friendlyName,
            capabilities ?? VoiceAndSms,
            now ?? ImportedAt);

    [Fact]
    public void Import_Should_record_the_number_as_Twilio_lists_it()
    {
        var number = Import();

        number.Id.Should().Be(NumberId);
        number.PhoneNumberSid.Should().Be(Sid);
        number.PhoneNumber.Should().Be(Number);
        number.FriendlyName.Should().Be("(415) 555-0100");
        number.Capabilities.Should().Be(new PhoneNumberCapabilities(Voice: true, Sms: true, Mms: false));
        number.CreatedAt.Should().Be(ImportedAt);
    }

    [Fact]
    public void Import_Should_give_the_number_to_the_given_organization_and_provider()
    {
        var providerId = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef");

        var number = Import(organizationId: "org-other", providerId: providerId);

        number.OrganizationId.Value.Should().Be("org-other");
        number.ProviderId.Value.Should().Be(providerId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Import_Should_name_the_number_after_itself_When_Twilio_gives_no_friendly_name(string? friendlyName)
    {
        Import(friendlyName: friendlyName).FriendlyName.Should().Be(Number);
    }

    [Fact]
    public void Import_Should_keep_a_friendly_name_of_exactly_64_characters_whole()
    {
        var name = new string('n', ImportedPhoneNumber.MaxFriendlyNameLength);

        Import(friendlyName: name).FriendlyName.Should().Be(name);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(200)]
    public void Import_Should_cut_a_longer_friendly_name_to_its_first_64_characters(int length)
    {
        var name = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        Import(friendlyName: name).FriendlyName.Should().HaveLength(64).And.Be(name[..64]);
    }

    [Fact]
    public void Import_Should_store_Twilios_friendly_name_as_clean_display_text_cut_on_a_whole_grapheme()
    {
        // Twilio allows a NUL and a right-to-left override; the emoji with its skin tone straddles the 64th unit.
        var friendlyName = "Main\u0000 line\u202E " + new string('y', 51) + "\U0001F44D\U0001F3FD desk";

        var number = Import(friendlyName: friendlyName);

        number.FriendlyName.Should().Be("Main line " + new string('y', 51));
        ImportedPhoneNumber.FriendlyNameFor("\u0000\u202E", Number).Should().Be(Number, "nothing of it shows");
    }

    [Fact]
    public void Import_Should_record_the_time_in_UTC_to_the_microsecond()
    {
        var ragged = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.FromHours(-5)).AddTicks(9_999);

        var number = Import(now: ragged);

        number.CreatedAt.UtcTicks.Should().Be(new DateTimeOffset(2026, 11, 28, 13, 0, 0, TimeSpan.Zero).AddTicks(9_990).UtcTicks);
        number.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Import_Should_reject_an_empty_id()
    {
        var act = () => Import(id: Guid.Empty);

        act.Should().Throw<ArgumentException>().WithParameterName("id");
    }

    [Fact]
    public void Import_Should_reject_an_organization_id_that_was_never_parsed()
    {
        // Import no longer takes the provider (a null provider cannot be passed any more); what is left to refuse is
        // an organization id that was never parsed.
        var act = () => ImportedPhoneNumber.Import(
            NumberId, default, ProviderId.From(TestValues.ProviderId), Sid, Number, null, VoiceAndSms, ImportedAt);

        act.Should().Throw<ArgumentException>().WithParameterName("organizationId");
    }

    [Fact]
    public void Import_Should_reject_a_provider_id_that_was_never_made()
    {
        var act = () => ImportedPhoneNumber.Import(
            NumberId, OrganizationId.Parse(TestValues.OrganizationId), default, Sid, Number, null, VoiceAndSms, ImportedAt);

        act.Should().Throw<ArgumentException>().WithParameterName("providerId");
    }

    [Fact]
    public void Import_Should_reject_missing_capabilities()
    {
        var act = () => ImportedPhoneNumber.Import(
            NumberId,
            OrganizationId.Parse(TestValues.OrganizationId),
            ProviderId.From(TestValues.ProviderId),
            Sid,
            Number,
            null,
            null!,
            ImportedAt);

        act.Should().Throw<ArgumentNullException>().WithParameterName("capabilities");
    }

    [Theory]
    [InlineData("PN0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("PN0123456789abcdef0123456789abcde")]
    [InlineData("PN0123456789abcdef0123456789abcdef0")]
    [InlineData("PN0123456789abcdef0123456789abcdef\n")]
    [InlineData("TK0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    [InlineData(null)]
    public void Import_Should_reject_a_value_that_is_not_a_phone_number_SID(string? phoneNumberSid)
    {
        var act = () => Import(phoneNumberSid: phoneNumberSid!);

        act.Should().Throw<ArgumentException>().WithParameterName("phoneNumberSid");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Import_Should_reject_a_blank_phone_number(string? phoneNumber)
    {
        var act = () => Import(phoneNumber: phoneNumber!);

        act.Should().Throw<ArgumentException>().WithParameterName("phoneNumber");
    }

    [Theory]
    [InlineData("PN0123456789abcdef0123456789abcdef")]
    [InlineData("PN00000000000000000000000000000000")]
    [InlineData("PNffffffffffffffffffffffffffffffff")]
    public void IsPhoneNumberSid_Should_accept_PN_followed_by_32_lowercase_hex(string value)
    {
        ImportedPhoneNumber.IsPhoneNumberSid(value).Should().BeTrue();
    }

    [Theory]
    [InlineData("PN0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("PN0123456789abcdef0123456789abcdeF")]
    [InlineData("pn0123456789abcdef0123456789abcdef")]
    [InlineData("Pn0123456789abcdef0123456789abcdef")]
    [InlineData("TK0123456789abcdef0123456789abcdef")]
    [InlineData("PN0123456789abcdef0123456789abcde")]
    [InlineData("PN0123456789abcdef0123456789abcdef0")]
    [InlineData("PN0123456789abcdef0123456789abcdeg")]
    [InlineData("PN0123456789abcdef/123456789abcdef")]
    [InlineData(" PN0123456789abcdef0123456789abcdef")]
    [InlineData("PN0123456789abcdef0123456789abcdef ")]
    [InlineData("PN")]
    [InlineData("")]
    [InlineData(null)]
    public void IsPhoneNumberSid_Should_reject_When_the_shape_is_not_exact(string? value)
    {
        ImportedPhoneNumber.IsPhoneNumberSid(value).Should().BeFalse();
    }

    [Fact]
    public void IsPhoneNumberSid_Should_reject_When_a_trailing_newline_follows()
    {
        // In .NET, '$' also matches before a final "\n": only the length check stops this one.
        ImportedPhoneNumber.IsPhoneNumberSid("PN0123456789abcdef0123456789abcdef\n").Should().BeFalse();
        System.Text.RegularExpressions.Regex.IsMatch("PN0123456789abcdef0123456789abcdef\n", ImportedPhoneNumber.SidPattern)
            .Should().BeTrue("the pattern alone lets it through");
    }
}
