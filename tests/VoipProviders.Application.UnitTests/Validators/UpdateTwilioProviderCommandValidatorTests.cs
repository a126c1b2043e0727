using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioProvider;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class UpdateTwilioProviderCommandValidatorTests
{
    private static readonly UpdateTwilioProviderCommand Valid =
        new(TestValues.OrganizationId, TestValues.ProviderId, "Backup Twilio", "ie1", true);

    private readonly UpdateTwilioProviderCommandValidator _validator = new();

    public static TheoryData<string, UpdateTwilioProviderCommand, string> InvalidFields => new()
    {
        { "Name", Valid with { Name = "" }, "" },
        { "Name", Valid with { Name = "   " }, "   " },
        { "Name", Valid with { Name = new string('q', 101) }, new string('q', 101) },
        { "Name", Valid with { Name = "Backup\nTwilio" }, "Backup\nTwilio" },
        { "Name", Valid with { Name = "Backup\tTwilio" }, "Backup\tTwilio" },
        { "Name", Valid with { Name = "Backup\u0000Twilio" }, "Backup\u0000Twilio" },
        { "Name", Valid with { Name = "\u0085Backup" }, "\u0085Backup" },
        { "Name", Valid with { Name = "Backup\u001b[31m" }, "Backup\u001b[31m" },
        { "Region", Valid with { Region = "IE1" }, "IE1" },
        { "Region", Valid with { Region = "eu1" }, "eu1" },
        { "Region", Valid with { Region = " ie1" }, "" }, // " ie1" is inside the list of valid codes the message gives
        { "Region", Valid with { Region = "dublin" }, "dublin" },
        { "Region", Valid with { Region = "" }, "" },
    };

    [Fact]
    public void Validate_Should_pass_When_every_field_is_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_only_the_name_is_sent()
    {
        _validator.Validate(Valid with { Region = null, SupportsCallTransfer = null }).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_only_the_region_is_sent()
    {
        _validator.Validate(Valid with { Name = null, SupportsCallTransfer = null }).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Validate_Should_pass_When_only_call_transfer_is_sent_even_as_false(bool supportsCallTransfer)
    {
        _validator.Validate(Valid with { Name = null, Region = null, SupportsCallTransfer = supportsCallTransfer }).IsValid.Should().BeTrue();
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

    [Theory]
    [InlineData("N")]
    [InlineData("Téléphonie ☎ 東京")]
    public void Validate_Should_pass_When_the_name_is_short_or_not_ascii(string name)
    {
        _validator.Validate(Valid with { Name = name }).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_the_name_is_exactly_100_characters()
    {
        _validator.Validate(Valid with { Name = new string('n', 100) }).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_report_body_When_no_field_is_sent()
    {
        var command = new UpdateTwilioProviderCommand(TestValues.OrganizationId, Valid.ProviderId);

        var result = _validator.Validate(command);

        result.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            PropertyName = "body",
            ErrorMessage = "Send at least one of: name, region, supportsCallTransfer, secureTrunking, autoRepair.",
        });
    }

    [Fact]
    public void Validate_Should_report_the_name_not_the_body_When_an_empty_name_is_sent()
    {
        var result = _validator.Validate(new UpdateTwilioProviderCommand(TestValues.OrganizationId, Valid.ProviderId, Name: ""));

        result.Errors.Should().ContainSingle().Which.PropertyName.Should().Be("Name");
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_Should_report_only_the_invalid_field_and_never_echo_its_value(
        string property, UpdateTwilioProviderCommand command, string submitted)
    {
        _validator.Validate(command).ShouldReportOnly(property, submitted);
    }

    [Fact]
    public void Validate_Should_explain_the_name_rules_When_the_name_has_a_control_character()
    {
        var result = _validator.Validate(Valid with { Name = "Backup\rTwilio" });

        result.Errors.Should().ContainSingle().Which.ErrorMessage
            .Should().Be("name must be 1 to 100 characters, not blank, without control, line-separator or bidirectional-override characters.");
    }

    [Fact]
    public void Validate_Should_list_the_known_regions_When_the_region_is_unknown()
    {
        var result = _validator.Validate(Valid with { Region = "eu-west-9" });

        result.Errors.Should().ContainSingle().Which.ErrorMessage
            .Should().Be("region must be one of: us1, us2, ie1, de1, au1, jp1, br1, sg1.");
    }

    [Fact]
    public void Validate_Should_report_each_invalid_field_When_several_are_invalid()
    {
        var command = new UpdateTwilioProviderCommand(TestValues.OrganizationId, TestValues.ProviderId, " ", "xx1", true);

        var result = _validator.Validate(command);

        result.Errors.Select(e => e.PropertyName).Distinct()
            .Should().BeEquivalentTo(["Name", "Region"]);
    }
}
