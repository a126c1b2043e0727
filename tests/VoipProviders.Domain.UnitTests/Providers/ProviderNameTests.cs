namespace VoipProviders.Domain.UnitTests.Providers;

/// <summary>The display-name rules every provider type shares (they were TwilioProvider.IsValidName and its constants).</summary>
public sealed class ProviderNameTests
{
    public static TheoryData<string> InvalidNames => new()
    {
        "",
        " ",
        "\t",
        "Main\nTwilio",
        "Main\rTwilio",
        "Main\tTwilio",
        "Main\u0000",
        "\u0085Main",
        "Main\u007F",
        new string('n', ProviderName.MaxLength + 1),
    };

    [Theory]
    [InlineData("M")]
    [InlineData("Main Twilio")]
    [InlineData("  Padded  ")]
    [InlineData("Téléphonie ☎ 東京")]
    public void IsValid_Should_accept_a_non_blank_name_without_control_characters(string name)
    {
        ProviderName.IsValid(name).Should().BeTrue();
    }

    [Fact]
    public void IsValid_Should_accept_exactly_100_characters_and_reject_101()
    {
        ProviderName.IsValid(new string('n', 100)).Should().BeTrue();
        ProviderName.IsValid(new string('n', 101)).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void IsValid_Should_reject_When_the_name_is_blank_too_long_or_has_control_characters(string name)
    {
        ProviderName.IsValid(name).Should().BeFalse();
    }

    [Fact]
    public void IsValid_Should_reject_null()
    {
        ProviderName.IsValid(null).Should().BeFalse();
    }
}
