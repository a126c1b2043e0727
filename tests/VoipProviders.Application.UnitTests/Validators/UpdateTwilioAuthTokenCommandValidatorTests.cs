using VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class UpdateTwilioAuthTokenCommandValidatorTests
{
    private static readonly UpdateTwilioAuthTokenCommand Valid =
        new(TestValues.OrganizationId, Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"), TwilioAuthToken.From(TestValues.NewAuthToken));

    private readonly UpdateTwilioAuthTokenCommandValidator _validator = new();

    public static TheoryData<string, UpdateTwilioAuthTokenCommand, string> InvalidFields => new()
    {
        { "OrganizationId", Valid with { OrganizationId = "" }, "" },
        { "OrganizationId", Valid with { OrganizationId = new string('z', 65) }, new string('z', 65) },
        { "id", Valid with { ProviderId = Guid.Empty }, Guid.Empty.ToString() },
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

    [Fact]
    public void Validate_Should_key_the_provider_id_error_as_id()
    {
        var result = _validator.Validate(Valid with { ProviderId = Guid.Empty });

        result.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            PropertyName = "id",
            ErrorMessage = "id must be a non-empty UUID.",
        });
    }
}
