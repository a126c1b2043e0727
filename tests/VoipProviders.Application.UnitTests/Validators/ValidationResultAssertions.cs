using FluentValidation.Results;

namespace VoipProviders.Application.UnitTests.Validators;

internal static class ValidationResultAssertions
{
    /// <summary>The result fails on <paramref name="property"/> alone, and no message repeats the value submitted.</summary>
    public static void ShouldReportOnly(this ValidationResult result, string property, string submitted)
    {
        result.IsValid.Should().BeFalse();
        result.Errors.Should().NotBeEmpty().And.OnlyContain(e => e.PropertyName == property);
        if (!string.IsNullOrWhiteSpace(submitted))
        {
            result.Errors.Should().AllSatisfy(e => e.ErrorMessage.Should().NotContain(submitted));
        }
    }
}
