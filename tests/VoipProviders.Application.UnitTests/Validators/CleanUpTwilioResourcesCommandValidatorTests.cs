using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class CleanUpTwilioResourcesCommandValidatorTests
{
    private readonly CleanUpTwilioResourcesCommandValidator _validator = new();

    [Fact]
    public void Validate_Should_pass_When_the_clean_up_id_is_set()
    {
        _validator.Validate(new CleanUpTwilioResourcesCommand(Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-000000000001"))).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_report_the_clean_up_id_When_it_is_empty()
    {
        var result = _validator.Validate(new CleanUpTwilioResourcesCommand(Guid.Empty));

        result.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            PropertyName = "CleanupId",
            ErrorMessage = "cleanupId must be a non-empty UUID.",
        });
    }
}
