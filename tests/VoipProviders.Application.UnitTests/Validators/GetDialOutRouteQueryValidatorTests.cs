using VoipProviders.Application.TwilioProviders.Calling;
using VoipProviders.Contracts.Calling;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class GetDialOutRouteQueryValidatorTests
{
    private static readonly GetDialOutRouteQuery Valid = new(TestValues.OrganizationId.Value, Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef"), "sip-edge");

    private readonly GetDialOutRouteQueryValidator _validator = new();

    public static TheoryData<string?> InvalidOrganizationIds => new()
    {
        null,
        "",
        " ",
        "org 1",
        " org-1",
        "org-1\n",
        "org\u0000",
        new string('o', 65),
    };

    [Fact]
    public void Validate_Should_pass_When_the_organization_id_and_caller_are_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_the_organization_id_is_64_characters_long()
    {
        _validator.Validate(Valid with { OrganizationId = new string('o', 64) }).IsValid.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(InvalidOrganizationIds))]
    public void Validate_Should_report_only_the_organization_id_When_it_is_invalid(string? organizationId)
    {
        var result = _validator.Validate(Valid with { OrganizationId = organizationId! });

        result.ShouldReportOnly("organizationId", organizationId ?? string.Empty);
    }
}
