using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

/// <summary>What the trunk needs to carry calls: routing key, origination URLs, secure trunking, SIP credential rotation.</summary>
public sealed class TwilioProviderCallingTests
{
    private const string NewSid = "CRfedcba9876543210fedcba9876543210";
    private const string NewerSid = "CRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static readonly DateTimeOffset Later = TestValues.Now.AddHours(1);
    private static readonly ProtectedSecret NewPassword = new("cipher-sip-password-v2");
    private static readonly OriginationUrl Ours = new("OU0123456789abcdef0123456789abcdef", "VoipProviders origination 1", "sip:k3x9q2m7v8b4n1c6z5l0p2r8.in1.voice.example.com", 10, 10, true);

    [Fact]
    public void Connect_Should_keep_the_trunks_routing_key_origination_urls_revision_and_first_credential()
    {
        var provider = TestValues.Connect(trunk: TestValues.Trunk() with { OriginationUrls = [Ours], Secure = true });

        provider.InboundRoutingKey.Should().Be("k3x9q2m7v8b4n1c6z5l0p2r8");
        provider.OriginationUrls.Should().Equal(Ours);
        provider.OriginationRevision.Should().Be("0123456789abcdef");
        provider.SecureTrunking.Should().BeTrue();
        provider.TerminationUri.Should().Be("sip:vp-abc.pstn.ashburn.twilio.com:5061;transport=tls");
        provider.SipCredentialVersion.Should().Be(1);
        provider.SipCredentialUpdatedAt.Should().Be(TestValues.Now);
        provider.RetiringSipCredentials.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("UPPERCASEISNOTALLOWED123")]
    [InlineData("has-a-dash-which-is-not-ok")]
    public void Connect_Should_refuse_a_routing_key_that_is_not_well_formed(string routingKey)
    {
        var connect = () => TestValues.Connect(trunk: TestValues.Trunk() with { InboundRoutingKey = routingKey });

        connect.Should().Throw<ArgumentException>().WithParameterName("trunk");
    }

    [Fact]
    public void New_routing_keys_Should_be_24_characters_of_lowercase_letters_and_digits_and_differ()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => InboundRoutingKey.New()).ToList();

        keys.Should().OnlyContain(key => key.Length == InboundRoutingKey.Length && InboundRoutingKey.IsWellFormed(key));
        keys.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void SetSecureTrunking_Should_move_the_termination_uri_to_tls_clear_the_origination_revision_and_count_a_change()
    {
        var provider = TestValues.Connect();

        provider.SetSecureTrunking(true, Later).Should().BeTrue();

        provider.SecureTrunking.Should().BeTrue();
        provider.TerminationUri.Should().Be("sip:vp-abc.pstn.ashburn.twilio.com:5061;transport=tls");
        provider.OriginationRevision.Should().BeNull("the origination URLs must follow the flag");
        provider.Version.Should().Be(2);
        provider.UpdatedAt.Should().Be(Later);
    }

    [Fact]
    public void SetSecureTrunking_Should_change_nothing_When_the_value_is_the_same()
    {
        var provider = TestValues.Connect();

        provider.SetSecureTrunking(false, Later).Should().BeFalse();

        provider.Version.Should().Be(1);
        provider.OriginationRevision.Should().Be("0123456789abcdef");
    }

    [Fact]
    public void MoveToRegion_Should_keep_tls_on_a_secure_trunk()
    {
        var provider = TestValues.Connect(trunk: TestValues.Trunk() with { Secure = true });

        provider.MoveToRegion(TwilioRegion.Ie1, Later);

        provider.TerminationUri.Should().Be("sip:vp-abc.pstn.dublin.twilio.com:5061;transport=tls");
    }

    [Fact]
    public void RotateSipCredential_Should_make_the_new_credential_current_and_keep_the_old_one_retiring()
    {
        var provider = TestValues.Connect();

        var retiring = provider.RotateSipCredential(NewSid, "vpnewuser0123456789abcde", NewPassword, Later, Later.AddMinutes(15));

        retiring.Should().Be(new RetiringSipCredential("CR0123456789abcdef0123456789abcdef", "vpuser0123456789abcdefgh", Later.AddMinutes(15)));
        provider.SipCredentialSid.Should().Be(NewSid);
        provider.SipUsername.Should().Be("vpnewuser0123456789abcde");
        provider.SipPassword.Should().Be(NewPassword);
        provider.SipCredentialVersion.Should().Be(2);
        provider.SipCredentialUpdatedAt.Should().Be(Later);
        provider.RetiringSipCredentials.Should().Equal(retiring);
        provider.Version.Should().Be(2, "the ETag changes with the credential");
        provider.HasSipCredential("vpuser0123456789abcdefgh").Should().BeTrue("the old one is still in its grace period");
        provider.HasSipCredential("vpnewuser0123456789abcde").Should().BeTrue();
        provider.HasSipCredential("vpsomeoneelse0123456789a").Should().BeFalse();
    }

    [Fact]
    public void Rotations_in_quick_succession_Should_keep_every_replaced_credential_until_its_own_retirement()
    {
        var provider = TestValues.Connect();
        provider.RotateSipCredential(NewSid, "vpnewuser0123456789abcde", NewPassword, Later, Later.AddMinutes(15));
        provider.RotateSipCredential(NewerSid, "vpneweruser0123456789abc", new ProtectedSecret("cipher-v3"), Later.AddMinutes(1), Later.AddMinutes(16));

        provider.RetiringSipCredentials.Select(r => r.Sid).Should().Equal("CR0123456789abcdef0123456789abcdef", NewSid);
        provider.CompleteSipCredentialRetirement("CR0123456789abcdef0123456789abcdef").Should().BeTrue();
        provider.RetiringSipCredentials.Select(r => r.Sid).Should().Equal(NewSid);
        provider.CompleteSipCredentialRetirement("CR0123456789abcdef0123456789abcdef").Should().BeFalse("it is done already");
        provider.Version.Should().Be(3, "a retirement observes, it does not change the provider");
    }

    [Fact]
    public void RotateSipCredential_Should_refuse_the_same_username_a_bad_sid_an_unprotected_password_or_a_retirement_in_the_past()
    {
        var provider = TestValues.Connect();

        ((Action)(() => provider.RotateSipCredential(NewSid, "vpuser0123456789abcdefgh", NewPassword, Later, Later))).Should().Throw<ArgumentException>();
        ((Action)(() => provider.RotateSipCredential("PN0123456789abcdef0123456789abcdef", "vpnew", NewPassword, Later, Later))).Should().Throw<ArgumentException>();
        ((Action)(() => provider.RotateSipCredential(NewSid, "vpnew", default, Later, Later))).Should().Throw<ArgumentException>();
        ((Action)(() => provider.RotateSipCredential(NewSid, "vpnew", NewPassword, Later, Later.AddSeconds(-1)))).Should().Throw<ArgumentOutOfRangeException>();
        provider.SipCredentialVersion.Should().Be(1);
        provider.Version.Should().Be(1);
    }

    [Fact]
    public void RecordOrigination_Should_store_the_urls_and_revision_without_moving_the_version()
    {
        var provider = TestValues.Connect();

        provider.RecordOrigination([Ours], "fedcba9876543210");

        provider.OriginationUrls.Should().Equal(Ours);
        provider.OriginationRevision.Should().Be("fedcba9876543210");
        provider.Version.Should().Be(1);
        provider.UpdatedAt.Should().Be(TestValues.Now);
    }
}
