using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TwilioProviderConnectTests
{
    [Fact]
    public void Connect_Should_create_a_pending_provider_with_every_given_value_When_the_input_is_valid()
    {
        var trunk = TestValues.Trunk();

        var provider = TwilioProvider.Connect(
            TestValues.ProviderId,
            TestValues.OrganizationId,
            "Main Twilio",
            TestValues.AccountSid,
            TestValues.AuthToken,
            TwilioRegion.Ie1,
            supportsCallTransfer: true,
            trunk,
            TestValues.Now);

        provider.Id.Should().Be(TestValues.ProviderId);
        provider.OrganizationId.Should().Be(TestValues.OrganizationId);
        provider.Name.Should().Be("Main Twilio");
        provider.AccountSid.Should().Be(TestValues.AccountSid);
        provider.AuthToken.Should().Be(TestValues.AuthToken);
        provider.Region.Should().BeSameAs(TwilioRegion.Ie1);
        provider.SupportsCallTransfer.Should().BeTrue();
        provider.TrunkSid.Should().Be(trunk.TrunkSid);
        provider.TrunkDomainName.Should().Be(trunk.DomainName);
        provider.CredentialListSid.Should().Be(trunk.CredentialListSid);
        provider.SipCredentialSid.Should().Be(trunk.SipCredentialSid);
        provider.SipUsername.Should().Be(trunk.SipUsername);
        provider.SipPassword.Should().Be(trunk.SipPassword);
        provider.VerificationStatus.Should().Be(VerificationStatus.Pending);
        provider.LastVerifiedAt.Should().BeNull();
        provider.VerificationChecks.Should().BeNull();
    }

    [Fact]
    public void Connect_Should_stamp_created_updated_and_token_times_with_now()
    {
        var provider = TestValues.Connect(now: TestValues.Now);

        provider.CreatedAt.Should().Be(TestValues.Now);
        provider.UpdatedAt.Should().Be(TestValues.Now);
        provider.AuthTokenUpdatedAt.Should().Be(TestValues.Now);
    }

    [Theory]
    [InlineData("us1", "sip:vp-abc.pstn.ashburn.twilio.com")]
    [InlineData("ie1", "sip:vp-abc.pstn.dublin.twilio.com")]
    [InlineData("sg1", "sip:vp-abc.pstn.singapore.twilio.com")]
    public void Connect_Should_derive_the_termination_uri_from_the_trunk_domain_and_region(string code, string expected)
    {
        var provider = TestValues.Connect(region: TwilioRegion.FromCode(code), trunk: TestValues.Trunk("vp-abc.pstn.twilio.com"));

        provider.TerminationUri.Should().Be(expected);
    }

    [Fact]
    public void Connect_Should_reject_When_the_id_is_empty()
    {
        var act = () => TestValues.Connect(id: Guid.Empty);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("id");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Connect_Should_reject_When_the_organization_is_blank(string organizationId)
    {
        var act = () => TestValues.Connect(organizationId: organizationId);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("organizationId");
    }

    [Fact]
    public void Connect_Should_reject_When_the_organization_is_null()
    {
        var act = () => TestValues.Connect(organizationId: null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("organizationId");
    }

    [Fact]
    public void Connect_Should_reject_When_the_organization_is_longer_than_64_characters()
    {
        var atLimit = () => TestValues.Connect(organizationId: new string('o', TwilioProvider.MaxOrganizationIdLength));
        var overLimit = () => TestValues.Connect(organizationId: new string('o', TwilioProvider.MaxOrganizationIdLength + 1));

        atLimit.Should().NotThrow();
        overLimit.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("organizationId");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Main\nTwilio")]
    [InlineData("Main\u0000")]
    [InlineData("\u0085Main")]
    [InlineData("Main\u2028Twilio")]
    [InlineData("Main\u2029Twilio")]
    [InlineData("\u202Eoilwt niaM")]
    [InlineData("Main\u2066Twilio\u2069")]
    public void Connect_Should_reject_When_the_name_is_blank_or_has_control_separator_or_bidi_override_characters(string name)
    {
        var act = () => TestValues.Connect(name: name);

        act.Should().Throw<DomainRuleViolationException>().Which.Code.Should().Be(TwilioProvider.InvalidNameCode);
    }

    [Theory]
    [InlineData("Acme Telecom (EU) – São Paulo")]
    [InlineData("Prod 👨\u200D👩\u200D👧 line")]
    [InlineData("Ünïcödé ✓")]
    public void Connect_Should_accept_names_with_accents_emoji_and_punctuation(string name)
    {
        TestValues.Connect(name: name).Name.Should().Be(name);
    }

    [Fact]
    public void Connect_Should_reject_When_the_name_is_longer_than_100_characters()
    {
        var atLimit = () => TestValues.Connect(name: new string('n', 100));
        var overLimit = () => TestValues.Connect(name: new string('n', 101));

        atLimit.Should().NotThrow();
        overLimit.Should().Throw<DomainRuleViolationException>().Which.Message.Should().NotContain("nnnn", "the message never echoes the value");
    }

    [Theory]
    [InlineData("SK0123456789abcdef0123456789abcdef")]
    [InlineData("AC0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("ac0123456789abcdef0123456789abcdef")]
    [InlineData("AC0123456789abcdef0123456789abcde")]
    [InlineData("AC0123456789abcdef0123456789abcdef0")]
    [InlineData("")]
    public void Connect_Should_reject_When_the_account_sid_is_not_an_AC_sid(string accountSid)
    {
        var act = () => TestValues.Connect(accountSid: accountSid);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("accountSid");
    }

    [Fact]
    public void Connect_Should_reject_When_the_region_or_trunk_is_missing()
    {
        var withoutRegion = () => TwilioProvider.Connect(
            TestValues.ProviderId, TestValues.OrganizationId, "n", TestValues.AccountSid, TestValues.AuthToken, null!, false, TestValues.Trunk(), TestValues.Now);
        var withoutTrunk = () => TwilioProvider.Connect(
            TestValues.ProviderId, TestValues.OrganizationId, "n", TestValues.AccountSid, TestValues.AuthToken, TwilioRegion.Us1, false, null!, TestValues.Now);

        withoutRegion.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("region");
        withoutTrunk.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("trunk");
    }

    [Fact]
    public void Connect_Should_reject_When_the_trunk_domain_is_not_a_twilio_pstn_domain()
    {
        var act = () => TestValues.Connect(trunk: TestValues.Trunk("vp-abc.example.com"));

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("trunkDomainName");
    }

    [Fact]
    public void Connect_Should_reject_an_auth_token_that_was_never_protected()
    {
        var act = () => TwilioProvider.Connect(
            TestValues.ProviderId,
            TestValues.OrganizationId,
            "Main Twilio",
            TestValues.AccountSid,
            default,
            TwilioRegion.Us1,
            supportsCallTransfer: false,
            TestValues.Trunk(),
            TestValues.Now);

        act.Should().Throw<ArgumentException>().WithParameterName("authToken");
    }

    [Fact]
    public void RotateAuthToken_Should_reject_a_token_that_was_never_protected()
    {
        var provider = TestValues.Connect(now: TestValues.Now);

        var act = () => provider.RotateAuthToken(default, TestValues.Now);

        act.Should().Throw<ArgumentException>().WithParameterName("newAuthToken");
    }

    [Theory]
    [InlineData("org\u0000x")]
    [InlineData("org x")]
    [InlineData("org\nx")]
    public void IsValidOrganizationId_Should_refuse_control_characters_and_whitespace(string organizationId)
    {
        TwilioProvider.IsValidOrganizationId(System.Text.RegularExpressions.Regex.Unescape(organizationId)).Should().BeFalse();
    }

    [Theory]
    [InlineData("org_acme")]
    [InlineData("0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b")]
    public void IsValidOrganizationId_Should_accept_ordinary_ids(string organizationId)
    {
        TwilioProvider.IsValidOrganizationId(organizationId).Should().BeTrue();
    }
}
