using VoipProviders.Application.PhoneNumbers.Commands.ImportPhoneNumbers;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class ImportPhoneNumbersCommandValidatorTests
{
    private const string SidMessage = "Each phone number SID is 'PN' followed by 32 lowercase hexadecimal characters.";
    private const string CountMessage = "phoneNumberSids must hold 1 to 1000 SIDs.";

    private static readonly ImportPhoneNumbersCommand Valid = new(
        TestValues.OrganizationId,
        TestValues.ProviderId,
        [TestValues.PhoneNumberSid(1), TestValues.PhoneNumberSid(2)]);

    private readonly ImportPhoneNumbersCommandValidator _validator = new();

    private static ImportPhoneNumbersCommand WithSids(params string[] sids) => Valid with { PhoneNumberSids = sids };

    private static string[] ValidSids(int count) => [.. Enumerable.Range(1, count).Select(TestValues.PhoneNumberSid)];

    [Fact]
    public void Validate_Should_pass_When_every_field_is_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Validate_Should_pass_When_the_number_of_SIDs_is_at_its_limits(int count)
    {
        _validator.Validate(WithSids(ValidSids(count))).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_a_SID_is_given_twice()
    {
        _validator.Validate(WithSids(TestValues.PhoneNumberSid(1), TestValues.PhoneNumberSid(1))).IsValid.Should().BeTrue("the handler counts it once");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_Should_report_the_list_When_it_holds_too_few_or_too_many_SIDs(int count)
    {
        var result = _validator.Validate(WithSids(ValidSids(count)));

        result.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            PropertyName = "PhoneNumberSids",
            ErrorMessage = CountMessage,
        });
    }

    [Fact]
    public void Validate_Should_report_only_the_count_and_not_each_SID_When_more_than_1000_are_given()
    {
        var result = _validator.Validate(WithSids([.. Enumerable.Repeat("not-a-sid", 1001)]));

        result.Errors.Should().ContainSingle().Which.PropertyName.Should().Be("PhoneNumberSids");
    }

    [Fact]
    public void Validate_Should_report_the_list_as_required_When_it_is_missing()
    {
        var result = _validator.Validate(Valid with { PhoneNumberSids = null! });

        result.IsValid.Should().BeFalse();
        result.Errors.Should().OnlyContain(e => e.PropertyName == "PhoneNumberSids");
        result.Errors.Select(e => e.ErrorMessage).Should().Contain("phoneNumberSids is required.");
    }

    [Theory]
    [InlineData("PN0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("PN0123456789abcdef0123456789abcdeF")]
    [InlineData("pn0123456789abcdef0123456789abcdef")]
    [InlineData("PX0123456789abcdef0123456789abcdef")]
    [InlineData("TK0123456789abcdef0123456789abcdef")]
    [InlineData("PN0123456789abcdef0123456789abcde")]
    [InlineData("PN0123456789abcdef0123456789abcdef0")]
    [InlineData("PN0123456789abcdef0123456789abcdeg")]
    [InlineData("PN0123456789abcdef0123456789abcdef\n")]
    [InlineData("PN0123456789abcdef0123456789abcde\n")]
    [InlineData(" PN0123456789abcdef0123456789abcdef")]
    [InlineData("PN0123456789abcdef/123456789abcdef")]
    [InlineData("PN")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Validate_Should_report_the_SID_by_its_index_without_echoing_it_When_it_is_not_a_phone_number_SID(string? sid)
    {
        var result = _validator.Validate(WithSids(TestValues.PhoneNumberSid(1), sid!, TestValues.PhoneNumberSid(2)));

        var error = result.Errors.Should().ContainSingle().Subject;
        error.PropertyName.Should().Be("PhoneNumberSids[1]");
        error.ErrorMessage.Should().Be(SidMessage);
        if (sid?.Trim() is { Length: > 2 })
        {
            error.ErrorMessage.Should().NotContain(sid.Trim());
        }
    }

    [Fact]
    public void Validate_Should_report_each_invalid_SID_with_its_own_index()
    {
        var result = _validator.Validate(WithSids("PN1", TestValues.PhoneNumberSid(1), "TK0123456789abcdef0123456789abcdef", "PN2"));

        result.Errors.Select(e => e.PropertyName).Should().Equal("PhoneNumberSids[0]", "PhoneNumberSids[2]", "PhoneNumberSids[3]");
    }
}
