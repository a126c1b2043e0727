using VoipProviders.Application.PhoneNumbers.Queries.ListAvailablePhoneNumbers;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class ListAvailablePhoneNumbersQueryValidatorTests
{
    private const string PhoneNumberMessage = "phoneNumber must be 1 to 16 characters: digits, optionally after a leading '+'.";

    private static readonly ListAvailablePhoneNumbersQuery Valid = new(
        TestValues.OrganizationId,
        TestValues.ProviderId,
        Skip: 50,
        Take: 25,
        PhoneNumber: "+1415");

    private readonly ListAvailablePhoneNumbersQueryValidator _validator = new();

    public static TheoryData<string, ListAvailablePhoneNumbersQuery, string> InvalidFields => new()
    {
        { "Skip", Valid with { Skip = -1 }, "-1" },
        { "Take", Valid with { Take = 0 }, "" },
        { "Take", Valid with { Take = 1001 }, "1001" },
        { "PhoneNumber", Valid with { PhoneNumber = "" }, "" },
        { "PhoneNumber", Valid with { PhoneNumber = "+12345678901234567" }, "+12345678901234567" },
        { "PhoneNumber", Valid with { PhoneNumber = "12345678901234567" }, "12345678901234567" },
        { "PhoneNumber", Valid with { PhoneNumber = "++1415" }, "++1415" },
        { "PhoneNumber", Valid with { PhoneNumber = "1415+" }, "1415+" },
        { "PhoneNumber", Valid with { PhoneNumber = "415-555" }, "415-555" },
        { "PhoneNumber", Valid with { PhoneNumber = "(415)" }, "(415)" },
        { "PhoneNumber", Valid with { PhoneNumber = " 415" }, "" },
        { "PhoneNumber", Valid with { PhoneNumber = "415 " }, "" },
        { "PhoneNumber", Valid with { PhoneNumber = "415\n" }, "" },
        { "PhoneNumber", Valid with { PhoneNumber = "abc" }, "abc" },
        { "PhoneNumber", Valid with { PhoneNumber = "4a15" }, "4a15" },
        { "PhoneNumber", Valid with { PhoneNumber = "\uff14\uff11\uff15" }, "\uff14\uff11\uff15" },
        { "PhoneNumber", Valid with { PhoneNumber = "\u0664\u0661\u0665" }, "\u0664\u0661\u0665" },
        { "PhoneNumber", Valid with { PhoneNumber = "%" }, "%" },
    };

    [Fact]
    public void Validate_Should_pass_When_every_parameter_is_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_only_the_organization_and_provider_are_given()
    {
        _validator.Validate(new ListAvailablePhoneNumbersQuery(TestValues.OrganizationId, Valid.ProviderId)).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("+1")]
    [InlineData("5550100")]
    [InlineData("+14155550100")]
    [InlineData("1234567890123456")]
    [InlineData("+123456789012345")]
    public void Validate_Should_pass_When_the_phone_number_is_digits_optionally_after_a_leading_plus(string phoneNumber)
    {
        _validator.Validate(Valid with { PhoneNumber = phoneNumber }).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 1000)]
    [InlineData(int.MaxValue, 50)]
    public void Validate_Should_pass_When_paging_is_at_its_limits(int skip, int take)
    {
        _validator.Validate(Valid with { Skip = skip, Take = take }).IsValid.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_Should_report_only_the_invalid_parameter_and_never_echo_its_value(
        string property, ListAvailablePhoneNumbersQuery query, string submitted)
    {
        _validator.Validate(query).ShouldReportOnly(property, submitted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901234567")]
    [InlineData("1+2")]
    public void Validate_Should_name_the_phone_number_parameter_and_its_shape_in_the_message(string phoneNumber)
    {
        var result = _validator.Validate(Valid with { PhoneNumber = phoneNumber });

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be(PhoneNumberMessage);
    }

    [Theory]
    [InlineData(-1, 20, "skip must be 0 or more.")]
    [InlineData(0, 0, "take must be between 1 and 1000.")]
    [InlineData(0, 1001, "take must be between 1 and 1000.")]
    public void Validate_Should_name_the_paging_parameter_in_the_message(int skip, int take, string expected)
    {
        var result = _validator.Validate(Valid with { Skip = skip, Take = take });

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be(expected);
    }

    [Fact]
    public void Validate_Should_report_each_invalid_parameter_When_several_are_invalid()
    {
        var query = new ListAvailablePhoneNumbersQuery(TestValues.OrganizationId, TestValues.ProviderId, Skip: -1, Take: 0, PhoneNumber: "x");

        var result = _validator.Validate(query);

        result.Errors.Select(e => e.PropertyName).Distinct()
            .Should().BeEquivalentTo(["Skip", "Take", "PhoneNumber"]);
    }
}
