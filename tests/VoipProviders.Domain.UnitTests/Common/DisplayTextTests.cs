namespace VoipProviders.Domain.UnitTests.Common;

/// <summary>Text from outside (Twilio's friendly names) made clean display text: the user-input rules, cut on whole graphemes.</summary>
public sealed class DisplayTextTests
{
    private const string ThumbsUpMediumSkinTone = "\U0001F44D\U0001F3FD";

    [Theory]
    [InlineData("Main\u0000 line", "Main line")]
    [InlineData("\u202EMain line\u202C", "Main line")]
    [InlineData("Main\u2066 line\u2069", "Main line")]
    [InlineData("Main\u2028 line\u2029", "Main line")]
    [InlineData("Main\u001b\u007f\u0085 line", "Main line")]
    [InlineData("  Main line\t\n", "Main line")]
    [InlineData("Caf\u00e9 \U0001F44D", "Caf\u00e9 \U0001F44D")]
    public void Clean_Should_drop_what_a_user_could_not_type_into_a_name(string text, string expected)
    {
        DisplayText.Clean(text, 64).Should().Be(expected);
    }

    [Fact]
    public void Clean_Should_drop_a_lone_surrogate_and_keep_whole_pairs()
    {
        DisplayText.Clean("a\uD83Db\uDC4Dc\U0001F44D", 64).Should().Be("abc\U0001F44D");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\u0000\u202E  ")]
    public void Clean_Should_be_empty_When_nothing_shows(string? text)
    {
        DisplayText.Clean(text, 64).Should().BeEmpty();
    }

    [Fact]
    public void Clean_Should_cut_before_a_grapheme_that_straddles_the_limit_never_inside_it()
    {
        // The thumb fits in 64 UTF-16 units, its skin tone does not: a cut by code point would keep half the emoji.
        var text = new string('x', 61) + ThumbsUpMediumSkinTone + " desk";

        var cleaned = DisplayText.Clean(text, 64);

        cleaned.Should().Be(new string('x', 61));
        DisplayText.Clean(new string('x', 60) + ThumbsUpMediumSkinTone + " desk", 64).Should().Be(new string('x', 60) + ThumbsUpMediumSkinTone);
    }

    [Fact]
    public void Clean_Should_keep_accents_with_their_letter()
    {
        // "e" + combining acute accent is one grapheme of two units.
        DisplayText.Clean(new string('x', 63) + "e\u0301", 64).Should().Be(new string('x', 63));
    }

    [Fact]
    public void Clean_Should_count_the_limit_after_dropping_characters()
    {
        DisplayText.Clean("\u0000\u0000" + new string('x', 64), 64).Should().Be(new string('x', 64));
    }

    [Fact]
    public void Clean_Should_leave_text_that_passes_the_user_rules_as_a_valid_provider_name()
    {
        var cleaned = DisplayText.Clean("\u202EAcme\u0000 Voice " + new string('x', 95) + ThumbsUpMediumSkinTone, ProviderName.MaxLength);

        ProviderName.IsValid(cleaned).Should().BeTrue();
        cleaned.Should().Be("Acme Voice " + new string('x', 89));
    }
}
