using VoipProviders.Application.Providers.Queries.GetProvider;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class GetProviderQueryValidatorTests
{
    private static readonly GetProviderQuery Valid = new(TestValues.OrganizationId, Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"));

    private readonly GetProviderQueryValidator _validator = new();

    public static TheoryData<string, GetProviderQuery, string> InvalidFields => new()
    {
        { "OrganizationId", Valid with { OrganizationId = "" }, "" },
        { "OrganizationId", Valid with { OrganizationId = " " }, " " },
        { "OrganizationId", Valid with { OrganizationId = new string('z', 65) }, new string('z', 65) },
        { "id", Valid with { ProviderId = Guid.Empty }, Guid.Empty.ToString() },
    };

    [Fact]
    public void Validate_Should_pass_When_every_field_is_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_the_organization_is_exactly_64_characters()
    {
        _validator.Validate(Valid with { OrganizationId = new string('o', 64) }).IsValid.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_Should_report_only_the_invalid_field_and_never_echo_its_value(
        string property, GetProviderQuery query, string submitted)
    {
        _validator.Validate(query).ShouldReportOnly(property, submitted);
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
