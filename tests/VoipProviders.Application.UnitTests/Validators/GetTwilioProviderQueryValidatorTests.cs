using VoipProviders.Application.TwilioProviders.Queries.GetTwilioProvider;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class GetTwilioProviderQueryValidatorTests
{
    private static readonly GetTwilioProviderQuery Valid = new(TestValues.OrganizationId, Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"));

    private readonly GetTwilioProviderQueryValidator _validator = new();

    public static TheoryData<string, GetTwilioProviderQuery, string> InvalidFields => new()
    {
        { "OrganizationId", Valid with { OrganizationId = "" }, "" },
        { "OrganizationId", Valid with { OrganizationId = " " }, " " },
        { "OrganizationId", Valid with { OrganizationId = "org-" + TestValues.UppercaseToken + TestValues.UppercaseToken }, "org-" + TestValues.UppercaseToken + TestValues.UppercaseToken },
        { "id", Valid with { ProviderId = Guid.Empty }, Guid.Empty.ToString() },
    };

    [Fact]
    public void Validate_Should_pass_When_every_field_is_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_Should_report_only_the_invalid_field_and_never_echo_its_value(
        string property, GetTwilioProviderQuery query, string submitted)
    {
        _validator.Validate(query).ShouldReportOnly(property, submitted);
    }
}
