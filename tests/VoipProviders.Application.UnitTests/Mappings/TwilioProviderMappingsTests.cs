using Mapster;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Mappings;

public sealed class TwilioProviderMappingsTests
{
    private readonly FakeSecretProtector _protector = new();

    [Fact]
    public void Configuration_scanned_from_the_application_assembly_Should_compile()
    {
        var config = new TypeAdapterConfig();
        config.Scan(typeof(DependencyInjection).Assembly);

        var compile = () => config.Compile();

        compile.Should().NotThrow();
        config.RuleMap.Keys.Should().Contain(k => k.Source == typeof(TwilioProvider) && k.Destination == typeof(TwilioProviderResponse));
    }

    [Fact]
    public void Adapt_Should_produce_the_exact_response_When_the_provider_is_new()
    {
        var provider = TestValues.ConnectedProvider(_protector, region: TwilioRegion.Ie1);

        var response = provider.Adapt<TwilioProviderResponse>(TestValues.Mappings());

        response.Should().BeEquivalentTo(new TwilioProviderResponse
        {
            Id = provider.Id.Value,
            Name = "Main Twilio",
            AccountSid = TestValues.AccountSid.Value,
            VerificationStatus = VerificationStatus.Pending,
            LastVerifiedAt = null,
            PhoneNumberCount = 0,
            VerificationDetails = null,
            TrunkSid = "TK0123456789abcdef0123456789abcdef",
            TerminationUri = "sip:vp-0123456789abcdef.pstn.dublin.twilio.com",
            Region = "ie1",
            SupportsCallTransfer = false,
            SecureTrunking = false,
            InboundRoutingKey = "k3x9q2m7v8b4n1c6z5l0p2r8",
            OriginationUris = [],
            SipCredentialVersion = 1,
            SipCredentialUpdatedAt = TestValues.Start,
            AuthTokenRotationPolicy = new AuthTokenRotationPolicyResponse { Enabled = false, IntervalDays = 90, PropagationDelaySeconds = 60, NextRotationAt = null },
            AutoRepair = AutoRepairMode.Off,
            ActiveAuthTokenRotationId = null,
            CreatedAt = TestValues.Start,
            UpdatedAt = TestValues.Start,
            Version = 1,
        });
        response.ProviderType.Should().Be(TwilioProviderKind.Type);
    }

    [Fact]
    public void Adapt_Should_map_the_verification_checks_When_the_provider_was_verified()
    {
        var provider = TestValues.ConnectedProvider(_protector);
        var verifiedAt = TestValues.Start.AddMinutes(5);
        var details = new Dictionary<string, object> { ["trunkSid"] = provider.TrunkSid, ["importedCount"] = 3, ["releasedPhoneNumberSids"] = new List<string> { "PN1" } };
        provider.RecordVerification(
            [
                new VerificationCheck("credentials", VerificationCheckStatus.Passed, "Twilio accepted the credentials.", verifiedAt, details),
                new VerificationCheck("trunk", VerificationCheckStatus.Warning, "No origination URL.", verifiedAt, new Dictionary<string, object>()),
            ],
            verifiedAt,
            verifiedAt.AddHours(1));

        var response = provider.Adapt<TwilioProviderResponse>(TestValues.Mappings());

        response.VerificationStatus.Should().Be(VerificationStatus.Warning);
        response.LastVerifiedAt.Should().Be(verifiedAt);
        response.VerificationDetails.Should().BeEquivalentTo(
            [
                new VerificationCheckResponse
                {
                    CheckName = "credentials",
                    Status = VerificationCheckStatus.Passed,
                    Message = "Twilio accepted the credentials.",
                    Timestamp = verifiedAt,
                    Details = new SortedDictionary<string, object>(details, StringComparer.Ordinal), // keys in ordinal order, as stored JSON reads back
                },
                new VerificationCheckResponse
                {
                    CheckName = "trunk",
                    Status = VerificationCheckStatus.Warning,
                    Message = "No origination URL.",
                    Timestamp = verifiedAt,
                    Details = new Dictionary<string, object>(),
                },
            ],
            options => options.WithStrictOrdering());
        response.PhoneNumberCount.Should().Be(0);
    }

    [Fact]
    public void Adapt_Should_map_a_twilio_provider_to_its_verification_outcome_through_the_generic_provider_mapping()
    {
        var provider = TestValues.ConnectedProvider(_protector);
        var verifiedAt = TestValues.Start.AddMinutes(5);
        var details = new Dictionary<string, object> { ["trunkSid"] = provider.TrunkSid, ["accountSid"] = provider.AccountSid.Value };
        provider.RecordVerification(
            [new VerificationCheck("credentials", VerificationCheckStatus.Failed, "Twilio rejected the credentials.", verifiedAt, details)],
            verifiedAt,
            verifiedAt.AddHours(1));

        var response = provider.Adapt<IVerifiableProvider, ProviderVerificationResponse>(TestValues.Mappings());

        response.Should().BeEquivalentTo(new ProviderVerificationResponse
        {
            Status = VerificationStatus.Failed,
            LastVerifiedAt = verifiedAt,
            Checks =
            [
                new VerificationCheckResponse
                {
                    CheckName = "credentials",
                    Status = VerificationCheckStatus.Failed,
                    Message = "Twilio rejected the credentials.",
                    Timestamp = verifiedAt,
                    Details = new SortedDictionary<string, object>(details, StringComparer.Ordinal),
                },
            ],
        });
        response.Checks.Single().Details!.Keys.Should().Equal("accountSid", "trunkSid");
    }

    [Fact]
    public void Adapt_Should_answer_no_checks_not_null_When_the_provider_was_never_verified()
    {
        var provider = TestValues.ConnectedProvider(_protector);

        var response = provider.Adapt<IVerifiableProvider, ProviderVerificationResponse>(TestValues.Mappings());

        response.Status.Should().Be(VerificationStatus.Pending);
        response.Checks.Should().NotBeNull().And.BeEmpty();
        response.LastVerifiedAt.Should().BeNull();
    }

    [Fact]
    public void Response_Should_not_expose_any_secret_of_the_provider()
    {
        var provider = TestValues.ConnectedProvider(_protector);

        var text = provider.Adapt<TwilioProviderResponse>(TestValues.Mappings()).ToString();

        text.Should().NotContain(provider.AuthToken.CipherText).And.NotContain(provider.SipPassword.CipherText);
        typeof(TwilioProviderResponse).GetProperties().Select(p => p.Name)
            .Should().NotContain(["AuthToken", "SipPassword", "SipUsername"]);
    }
}
