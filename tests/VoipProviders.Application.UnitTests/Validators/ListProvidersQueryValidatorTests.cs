using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Queries.ListProviders;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Validators;

public sealed class ListProvidersQueryValidatorTests
{
    private static readonly ListProvidersQuery Valid = new(TestValues.OrganizationId, Skip: 40, Take: 20, ProviderType: "twilio", VerificationStatus: "failed");

    private readonly ListProvidersQueryValidator _validator =
        new(new ProviderTypes([new ProviderTypeRegistration(TwilioProviderKind.Type, typeof(TwilioProviderResponse))]));

    public static TheoryData<string, ListProvidersQuery, string> InvalidFields => new()
    {
        { "Skip", Valid with { Skip = -1 }, "-1" },
        { "Skip", Valid with { Skip = int.MinValue }, int.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        { "Take", Valid with { Take = 0 }, "" },
        { "Take", Valid with { Take = -5 }, "-5" },
        { "Take", Valid with { Take = 1001 }, "1001" },
        { "Take", Valid with { Take = int.MaxValue }, int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        { "ProviderType", Valid with { ProviderType = "Twilio" }, "Twilio" },
        { "ProviderType", Valid with { ProviderType = "TWILIO" }, "TWILIO" },
        { "ProviderType", Valid with { ProviderType = " twilio" }, "" },
        { "ProviderType", Valid with { ProviderType = "twilio " }, "" },
        { "ProviderType", Valid with { ProviderType = "vonage" }, "vonage" },
        { "ProviderType", Valid with { ProviderType = "0" }, "" },
        { "ProviderType", Valid with { ProviderType = "" }, "" },
        { "VerificationStatus", Valid with { VerificationStatus = "Failed" }, "Failed" },
        { "VerificationStatus", Valid with { VerificationStatus = "PENDING" }, "PENDING" },
        { "VerificationStatus", Valid with { VerificationStatus = "unknown" }, "unknown" },
        { "VerificationStatus", Valid with { VerificationStatus = "ok" }, "ok" },
        { "VerificationStatus", Valid with { VerificationStatus = "3" }, "" },
        { "VerificationStatus", Valid with { VerificationStatus = "verified\n" }, "" },
        { "VerificationStatus", Valid with { VerificationStatus = "" }, "" },
    };

    [Fact]
    public void Validate_Should_pass_When_every_parameter_is_valid()
    {
        _validator.Validate(Valid).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Validate_Should_pass_When_only_the_organization_is_given()
    {
        _validator.Validate(new ListProvidersQuery(TestValues.OrganizationId)).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 1000)]
    [InlineData(int.MaxValue, 20)]
    public void Validate_Should_pass_When_paging_is_at_its_limits(int skip, int take)
    {
        _validator.Validate(Valid with { Skip = skip, Take = take }).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("verified")]
    [InlineData("warning")]
    [InlineData("failed")]
    public void Validate_Should_pass_When_the_verification_status_is_any_known_value(string status)
    {
        _validator.Validate(Valid with { VerificationStatus = status }).IsValid.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_Should_report_only_the_invalid_parameter_and_never_echo_its_value(
        string property, ListProvidersQuery query, string submitted)
    {
        _validator.Validate(query).ShouldReportOnly(property, submitted);
    }

    [Theory]
    [InlineData(-1, 20, "skip must be 0 or more.")]
    [InlineData(0, 0, "take must be between 1 and 1000.")]
    [InlineData(0, 1001, "take must be between 1 and 1000.")]
    public void Validate_Should_name_the_paging_parameter_in_the_message(int skip, int take, string expected)
    {
        var result = _validator.Validate(Valid with { Skip = skip, Take = take });

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be(expected);
    }

    [Fact]
    public void Validate_Should_name_the_parameter_and_list_the_provider_types_When_the_type_is_unknown()
    {
        var result = _validator.Validate(Valid with { ProviderType = "Twilio" });

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("providerType must be one of: twilio.");
    }

    [Fact]
    public void Validate_Should_name_the_parameter_and_list_the_statuses_When_the_status_is_unknown()
    {
        var result = _validator.Validate(Valid with { VerificationStatus = "Verified" });

        result.Errors.Should().ContainSingle().Which.ErrorMessage
            .Should().Be("verificationStatus must be one of: pending, verified, warning, failed.");
    }

    [Fact]
    public void Validate_Should_report_each_invalid_parameter_When_several_are_invalid()
    {
        var query = new ListProvidersQuery(TestValues.OrganizationId, Skip: -1, Take: 0, ProviderType: "sip", VerificationStatus: "broken");

        var result = _validator.Validate(query);

        result.Errors.Select(e => e.PropertyName).Distinct()
            .Should().BeEquivalentTo(["Skip", "Take", "ProviderType", "VerificationStatus"]);
    }
}
