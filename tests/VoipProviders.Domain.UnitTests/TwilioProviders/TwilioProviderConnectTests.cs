using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TwilioProviderConnectTests
{
    private static readonly ProviderId Id = ProviderId.From(TestValues.ProviderId);
    private static readonly OrganizationId Organization = OrganizationId.Parse(TestValues.OrganizationId);
    private static readonly AccountSid Account = AccountSid.Parse(TestValues.AccountSid);

    [Fact]
    public void Connect_Should_create_a_pending_provider_with_every_given_value_When_the_input_is_valid()
    {
        var trunk = TestValues.Trunk();

        var provider = TwilioProvider.Connect(
            Id,
            Organization,
            "Main Twilio",
            Account,
            TestValues.AuthToken,
            TwilioRegion.Ie1,
            supportsCallTransfer: true,
            trunk,
            TestValues.Now);

        provider.Id.Value.Should().Be(TestValues.ProviderId);
        provider.OrganizationId.Value.Should().Be(TestValues.OrganizationId);
        provider.Name.Should().Be("Main Twilio");
        provider.AccountSid.Value.Should().Be(TestValues.AccountSid);
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
        // The empty UUID is refused by ProviderId.From before Connect; Connect itself refuses an id that was never made.
        var fromEmpty = () => ProviderId.From(Guid.Empty);
        var act = () => TwilioProvider.Connect(
            default, Organization, "Main Twilio", Account, TestValues.AuthToken, TwilioRegion.Us1, false, TestValues.Trunk(), TestValues.Now);

        fromEmpty.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("id");
    }

    [Fact]
    public void Connect_Should_reject_an_organization_or_account_that_was_never_parsed()
    {
        var withoutOrganization = () => TwilioProvider.Connect(
            Id, default, "Main Twilio", Account, TestValues.AuthToken, TwilioRegion.Us1, false, TestValues.Trunk(), TestValues.Now);
        var withoutAccount = () => TwilioProvider.Connect(
            Id, Organization, "Main Twilio", default, TestValues.AuthToken, TwilioRegion.Us1, false, TestValues.Trunk(), TestValues.Now);

        withoutOrganization.Should().Throw<ArgumentException>().WithParameterName("organizationId");
        withoutAccount.Should().Throw<ArgumentException>().WithParameterName("accountSid");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Connect_Should_reject_When_the_organization_is_blank(string organizationId)
    {
        // A blank organization id can no longer reach Connect: OrganizationId refuses it.
        var act = () => OrganizationId.Parse(organizationId);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void Connect_Should_reject_When_the_organization_is_null()
    {
        // A null organization id can no longer reach Connect: OrganizationId refuses it (as an ArgumentException).
        var act = () => OrganizationId.Parse(null);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void Connect_Should_reject_When_the_organization_is_longer_than_64_characters()
    {
        var atLimit = () => TestValues.Connect(organizationId: new string('o', OrganizationId.MaxLength));
        // A longer organization id can no longer reach Connect: OrganizationId refuses it (as an ArgumentException).
        var overLimit = () => OrganizationId.Parse(new string('o', OrganizationId.MaxLength + 1));

        atLimit.Should().NotThrow();
        overLimit.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
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

        act.Should().Throw<DomainRuleViolationException>().Which.Code.Should().Be(ProviderName.InvalidCode);
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
        // An Account SID of another shape can no longer reach Connect: AccountSid refuses it.
        var act = () => AccountSid.Parse(accountSid);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void Connect_Should_reject_When_the_region_or_trunk_is_missing()
    {
        var withoutRegion = () => TwilioProvider.Connect(
            Id, Organization, "n", Account, TestValues.AuthToken, null!, false, TestValues.Trunk(), TestValues.Now);
        var withoutTrunk = () => TwilioProvider.Connect(
            Id, Organization, "n", Account, TestValues.AuthToken, TwilioRegion.Us1, false, null!, TestValues.Now);

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
            Id,
            Organization,
            "Main Twilio",
            Account,
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
}
