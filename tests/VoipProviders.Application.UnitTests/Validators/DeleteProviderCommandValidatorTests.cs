using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Providers.Commands.DeleteProvider;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class DeleteProviderCommandValidatorTests
{
    private static readonly DeleteProviderCommand Valid = new(TestValues.OrganizationId, Guid.Parse("0199f6a2-4c1e-7b3d-9a10-1234567890ab"));

    private readonly DeleteProviderCommandValidator _validator = new();

    public static TheoryData<string, DeleteProviderCommand, string> InvalidFields => new()
    {
        { "OrganizationId", Valid with { OrganizationId = "" }, "" },
        { "OrganizationId", Valid with { OrganizationId = "  " }, "  " },
        { "OrganizationId", Valid with { OrganizationId = new string('z', 65) }, new string('z', 65) },
        { "id", Valid with { ProviderId = Guid.Empty }, Guid.Empty.ToString() },
    };

    [Fact]
    public void Validate_Should_pass_When_every_field_is_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_an_if_match_precondition_is_given()
    {
        _validator.Validate(Valid with { IfMatch = VersionPrecondition.Exactly(3) }).IsValid.Should().BeTrue();
        _validator.Validate(Valid with { IfMatch = VersionPrecondition.Unsatisfiable }).IsValid.Should().BeTrue("a stale precondition is a 412, not a 400");
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_Should_report_only_the_invalid_field_and_never_echo_its_value(
        string property, DeleteProviderCommand command, string submitted)
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
