using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class ProvisioningIntentTests
{
    private static readonly string[] DomainNames = ["vp-1.pstn.twilio.com", "vp-2.pstn.twilio.com", "vp-3.pstn.twilio.com"];

    private static ProvisioningIntent Record(
        IReadOnlyList<string>? domainNames = null,
        ProtectedSecret? token = null,
        string accountSid = TestValues.AccountSid,
        ProviderId? providerId = null) =>
        ProvisioningIntent.Record(
            providerId ?? ProviderId.From(TestValues.ProviderId),
            OrganizationId.Parse("org-42"),
            AccountSid.Parse(accountSid),
            token ?? TestValues.AuthToken,
            domainNames ?? DomainNames,
            $"VoipProviders {TestValues.ProviderId:N}",
            TestValues.Now);

    [Fact]
    public void Record_Should_plan_a_pending_build_under_the_providers_id()
    {
        var intent = Record();

        intent.Id.Value.Should().Be(TestValues.ProviderId);
        intent.Status.Should().Be(ProvisioningIntentStatus.Pending);
        intent.OrganizationId.Value.Should().Be("org-42");
        intent.AccountSid.Value.Should().Be(TestValues.AccountSid);
        intent.AuthToken.Should().Be(TestValues.AuthToken);
        intent.TrunkDomainNames.Should().Equal(DomainNames);
        intent.ResourceFriendlyName.Should().Be($"VoipProviders {TestValues.ProviderId:N}");
        intent.CreatedAt.Should().Be(TestValues.Now);
        intent.FailedAttempts.Should().Be(0);
    }

    public static TheoryData<string[]> BadDomainNames => new()
    {
        Array.Empty<string>(),
        new[] { "vp-1.pstn.twilio.com", "vp-2.pstn.twilio.com", "vp-3.pstn.twilio.com", "vp-4.pstn.twilio.com" },
        new[] { "vp-1.example.com" },
        new[] { "vp-1.pstn.twilio.com", "VP-1.pstn.twilio.com" },
    };

    [Theory]
    [MemberData(nameof(BadDomainNames))]
    public void Record_Should_refuse_other_than_one_to_three_distinct_trunk_domain_names(string[] domainNames) =>
        FluentActions.Invoking(() => Record(domainNames)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("trunkDomainNames");

    [Fact]
    public void Record_Should_refuse_an_unprotected_token_an_account_that_is_no_sid_and_an_empty_id()
    {
        FluentActions.Invoking(() => Record(token: default(ProtectedSecret))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("authToken");
        // An account that is no SID can no longer reach Record: AccountSid refuses it.
        FluentActions.Invoking(() => AccountSid.Parse("AC123")).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
        // The empty UUID is refused by ProviderId.From, and by Record itself for an id that was never made (default).
        FluentActions.Invoking(() => ProviderId.From(Guid.Empty)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
        FluentActions.Invoking(() => Record(providerId: default(ProviderId))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("providerId");
    }

    [Fact]
    public void TakeForReconciliation_Should_move_a_pending_intent_on_once()
    {
        var intent = Record();

        intent.TakeForReconciliation(TestValues.Now.AddMinutes(10));

        intent.Status.Should().Be(ProvisioningIntentStatus.Reconciling);
        intent.UpdatedAt.Should().Be(TestValues.Now.AddMinutes(10));
        FluentActions.Invoking(() => intent.TakeForReconciliation(TestValues.Now.AddMinutes(11))).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void RecordFailedAttempt_Should_count_and_keep_a_bounded_reason()
    {
        var intent = Record();

        intent.RecordFailedAttempt("twilio_unavailable (HTTP 503)", TestValues.Now.AddMinutes(10));
        intent.RecordFailedAttempt(new string('x', 500), TestValues.Now.AddMinutes(11));

        intent.FailedAttempts.Should().Be(2);
        intent.LastFailure.Should().HaveLength(DurableOperation.MaxFailureLength);
        intent.UpdatedAt.Should().Be(TestValues.Now.AddMinutes(11));
    }

    [Fact]
    public void Abandon_Should_drop_the_credentials_and_keep_the_names_for_an_operator()
    {
        var intent = Record();

        intent.Abandon(TestValues.Now.AddHours(1));

        intent.Status.Should().Be(ProvisioningIntentStatus.Abandoned);
        intent.AuthToken.Should().BeNull();
        intent.TrunkDomainNames.Should().Equal(DomainNames);
        intent.ResourceFriendlyName.Should().NotBeEmpty();
    }

    [Fact]
    public void Abandon_Should_keep_the_failures_and_stamp_the_time()
    {
        var intent = Record();
        intent.RecordFailedAttempt("twilio_credentials_rejected", TestValues.Now.AddMinutes(10));

        intent.Abandon(TestValues.Now.AddHours(1));

        intent.FailedAttempts.Should().Be(1);
        intent.LastFailure.Should().Be("twilio_credentials_rejected");
        intent.UpdatedAt.Should().Be(TestValues.Now.AddHours(1));
    }
}
