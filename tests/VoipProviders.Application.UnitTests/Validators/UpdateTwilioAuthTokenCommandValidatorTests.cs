using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class UpdateTwilioAuthTokenCommandValidatorTests
{
    private static readonly UpdateTwilioAuthTokenCommand Valid =
        new(TestValues.OrganizationId, TestValues.ProviderId, TwilioAuthToken.From(TestValues.NewAuthToken));

    private readonly UpdateTwilioAuthTokenCommandValidator _validator = new();

    public static TheoryData<string, UpdateTwilioAuthTokenCommand, string> InvalidFields => new()
    {
        { "AuthToken", Valid with { AuthToken = TwilioAuthToken.From("") }, "" },
        { "AuthToken", Valid with { AuthToken = TwilioAuthToken.From(TestValues.UppercaseToken) }, TestValues.UppercaseToken },
        { "AuthToken", Valid with { AuthToken = TwilioAuthToken.From(TestValues.NewAuthToken + "0") }, TestValues.NewAuthToken + "0" },
        { "AuthToken", Valid with { AuthToken = TwilioAuthToken.From("AC" + TestValues.NewAuthToken) }, "AC" + TestValues.NewAuthToken },
    };

    [Fact]
    public void Validate_Should_pass_When_every_field_is_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_Should_report_only_the_invalid_field_and_never_echo_its_value(
        string property, UpdateTwilioAuthTokenCommand command, string submitted)
    {
        _validator.Validate(command).ShouldReportOnly(property, submitted);
    }
}
