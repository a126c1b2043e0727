using VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class CreateTwilioProviderCommandValidatorTests
{
    private static readonly CreateTwilioProviderCommand Valid =
        new(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken), "Main Twilio", "ie1", true);

    private readonly CreateTwilioProviderCommandValidator _validator = new();

    public static TheoryData<string, CreateTwilioProviderCommand, string> InvalidFields => new()
    {
        { "AccountSid", Valid with { AccountSid = null }, "" },
        { "AuthToken", Valid with { AuthToken = TwilioAuthToken.From("") }, "" },
        { "AuthToken", Valid with { AuthToken = TwilioAuthToken.From(TestValues.UppercaseToken) }, TestValues.UppercaseToken },
        { "AuthToken", Valid with { AuthToken = TwilioAuthToken.From("00112233445566778899aabbccddeef") }, "00112233445566778899aabbccddeef" },
        { "Name", Valid with { Name = "  " }, "  " },
        { "Name", Valid with { Name = new string('q', 101) }, new string('q', 101) },
        { "Region", Valid with { Region = "IE1" }, "IE1" },
        { "Region", Valid with { Region = "eu-central-9" }, "eu-central-9" },
        { "Region", Valid with { Region = "" }, "" },
    };

    [Fact]
    public void Validate_Should_pass_When_every_field_is_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_the_optional_fields_are_omitted()
    {
        var command = new CreateTwilioProviderCommand(TestValues.OrganizationId, TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));

        _validator.Validate(command).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("us1")]
    [InlineData("us2")]
    [InlineData("ie1")]
    [InlineData("de1")]
    [InlineData("au1")]
    [InlineData("jp1")]
    [InlineData("br1")]
    [InlineData("sg1")]
    public void Validate_Should_pass_When_the_region_is_any_known_code(string region)
    {
        _validator.Validate(Valid with { Region = region }).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_the_name_is_exactly_100_characters()
    {
        _validator.Validate(Valid with { Name = new string('n', 100) }).IsValid.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_Should_report_only_the_invalid_field_and_never_echo_its_value(
        string property, CreateTwilioProviderCommand command, string submitted)
    {
        _validator.Validate(command).ShouldReportOnly(property, submitted);
    }

    [Fact]
    public void Validate_Should_not_echo_a_token_shaped_value_When_the_auth_token_is_upper_case()
    {
        var result = _validator.Validate(Valid with { AuthToken = TwilioAuthToken.From(TestValues.UppercaseToken) });

        result.Errors.Should().ContainSingle().Which.ErrorMessage
            .Should().Be("authToken must be exactly 32 lowercase hexadecimal characters.");
        result.ToString().Should().NotContain(TestValues.UppercaseToken);
    }

    [Fact]
    public void Validate_Should_say_the_account_sid_is_required_When_it_is_missing()
    {
        var result = _validator.Validate(Valid with { AccountSid = null });

        // The words a missing accountSid always got (it used to arrive as "" and fail both rules).
        result.Errors.Should().AllSatisfy(e => e.PropertyName.Should().Be("AccountSid"));
        result.Errors.Select(e => e.ErrorMessage).Should().Equal(
            "accountSid is required.",
            "accountSid must be 'AC' followed by 32 lowercase hexadecimal characters.");
    }

    [Fact]
    public void Validate_Should_report_each_invalid_field_When_several_are_invalid()
    {
        var command = new CreateTwilioProviderCommand(TestValues.OrganizationId, null, TwilioAuthToken.From(TestValues.UppercaseToken), " ", "xx1");

        var result = _validator.Validate(command);

        result.Errors.Select(e => e.PropertyName).Distinct()
            .Should().BeEquivalentTo(["AccountSid", "AuthToken", "Name", "Region"]);
    }
}
