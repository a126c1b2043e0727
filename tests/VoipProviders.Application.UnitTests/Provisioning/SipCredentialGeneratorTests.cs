using VoipProviders.Application.TwilioProviders.Provisioning;

namespace VoipProviders.Application.UnitTests.Provisioning;

public sealed class SipCredentialGeneratorTests
{
    [Fact]
    public void NewUsername_Should_fit_Twilios_32_character_limit_and_differ_each_time()
    {
        var usernames = Enumerable.Range(0, 200).Select(_ => SipCredentialGenerator.NewUsername()).ToList();

        usernames.Should().AllSatisfy(u => u.Should().MatchRegex("^vp[a-z0-9]{22}$").And.HaveLength(24));
        usernames.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void NewPassword_Should_have_at_least_32_characters_with_upper_lower_and_digit()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => SipCredentialGenerator.NewPassword()).ToList();

        passwords.Should().AllSatisfy(p =>
        {
            p.Length.Should().BeGreaterThanOrEqualTo(32);
            p.Should().MatchRegex("^[A-Za-z0-9]+$");
            p.Should().Match(x => x.Any(char.IsAsciiLetterUpper) && x.Any(char.IsAsciiLetterLower) && x.Any(char.IsAsciiDigit));
        });
        passwords.Should().OnlyHaveUniqueItems();
    }
}
