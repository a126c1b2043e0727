using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TerminationUriTests
{
    [Fact]
    public void TerminationUriFor_Should_localize_the_trunk_host_When_the_region_is_ie1()
    {
        var uri = TwilioProvider.TerminationUriFor("vp-abc.pstn.twilio.com", TwilioRegion.Ie1);

        uri.Should().Be("sip:vp-abc.pstn.dublin.twilio.com");
    }

    [Theory]
    [InlineData("us1", "sip:vp-abc.pstn.ashburn.twilio.com")]
    [InlineData("us2", "sip:vp-abc.pstn.umatilla.twilio.com")]
    [InlineData("de1", "sip:vp-abc.pstn.frankfurt.twilio.com")]
    [InlineData("au1", "sip:vp-abc.pstn.sydney.twilio.com")]
    [InlineData("jp1", "sip:vp-abc.pstn.tokyo.twilio.com")]
    [InlineData("br1", "sip:vp-abc.pstn.sao-paulo.twilio.com")]
    [InlineData("sg1", "sip:vp-abc.pstn.singapore.twilio.com")]
    public void TerminationUriFor_Should_use_the_edge_of_the_region_When_any_region_is_given(string code, string expected)
    {
        var uri = TwilioProvider.TerminationUriFor("vp-abc.pstn.twilio.com", TwilioRegion.FromCode(code));

        uri.Should().Be(expected);
    }

    [Theory]
    [InlineData("vp-abc.twilio.com")]
    [InlineData("vp-abc.pstn.twilio.com.evil.example")]
    [InlineData("vp-abc.PSTN.twilio.com")]
    [InlineData("vp-abc.pstn.twilio.co")]
    [InlineData(".pstn.twilio.com")]
    [InlineData("")]
    public void TerminationUriFor_Should_reject_When_the_domain_does_not_end_in_pstn_twilio_com(string domainName)
    {
        var act = () => TwilioProvider.TerminationUriFor(domainName, TwilioRegion.Us1);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("trunkDomainName");
    }

    [Fact]
    public void TerminationUriFor_Should_reject_When_the_domain_or_region_is_null()
    {
        var withoutDomain = () => TwilioProvider.TerminationUriFor(null!, TwilioRegion.Us1);
        var withoutRegion = () => TwilioProvider.TerminationUriFor("vp-abc.pstn.twilio.com", null!);

        withoutDomain.Should().Throw<ArgumentNullException>();
        withoutRegion.Should().Throw<ArgumentNullException>();
    }
}
