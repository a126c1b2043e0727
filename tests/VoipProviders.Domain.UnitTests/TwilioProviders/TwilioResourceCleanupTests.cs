using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Domain.UnitTests.TwilioProviders;

public sealed class TwilioResourceCleanupTests
{
    private static readonly Guid CleanupId = Guid.Parse("0199f6a2-aaaa-7bbb-8ccc-000000000001");
    private static readonly DateTimeOffset DeletedAt = TestValues.Now.AddDays(3);
    private static readonly DateTimeOffset FailedAt = DeletedAt.AddMinutes(5);

    private static TwilioResourceCleanup Plan(TwilioProvider? provider = null, DateTimeOffset? now = null) =>
        (provider ?? TestValues.Connect()).PlanResourceCleanup(CleanupId, now ?? DeletedAt);

    private static TwilioResourceCleanup ForLeftovers(
        Guid id,
        string organizationId,
        Guid providerId,
        string accountSid,
        ProtectedSecret authToken,
        string trunkSid,
        string credentialListSid,
        DateTimeOffset now) =>
        TwilioResourceCleanup.ForLeftovers(
            id, OrganizationId.Parse(organizationId), ProviderId.From(providerId), AccountSid.Parse(accountSid), authToken, trunkSid, credentialListSid, now);

    [Fact]
    public void PlanResourceCleanup_Should_name_the_providers_trunk_credential_list_account_and_organization()
    {
        var provider = TestValues.Connect();

        var cleanup = provider.PlanResourceCleanup(CleanupId, DeletedAt);

        cleanup.Id.Should().Be(CleanupId);
        cleanup.OrganizationId.Value.Should().Be(TestValues.OrganizationId);
        cleanup.ProviderId.Value.Should().Be(TestValues.ProviderId);
        cleanup.AccountSid.Value.Should().Be(TestValues.AccountSid);
        cleanup.TrunkSid.Should().Be("TK0123456789abcdef0123456789abcdef");
        cleanup.CredentialListSid.Should().Be("CL0123456789abcdef0123456789abcdef");
    }

    [Fact]
    public void PlanResourceCleanup_Should_keep_the_auth_token_still_protected()
    {
        var cleanup = Plan();

        cleanup.AuthToken.Should().Be(TestValues.AuthToken);
        cleanup.AuthToken!.Value.CipherText.Should().Be("cipher-auth-token-v1");
    }

    [Fact]
    public void PlanResourceCleanup_Should_take_the_token_the_provider_holds_now_When_it_was_rotated()
    {
        var provider = TestValues.Connect();
        var rotated = new ProtectedSecret("cipher-auth-token-v2");
        provider.RotateAuthToken(rotated, DeletedAt.AddMinutes(-1));

        var cleanup = Plan(provider);

        cleanup.AuthToken.Should().Be(rotated);
    }

    [Fact]
    public void PlanResourceCleanup_Should_start_pending_without_failures_stamped_with_now()
    {
        var cleanup = Plan();

        cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        cleanup.FailedAttempts.Should().Be(0);
        cleanup.LastFailure.Should().BeNull();
        cleanup.RequestedAt.Should().Be(DeletedAt);
        cleanup.UpdatedAt.Should().Be(DeletedAt);
    }

    [Fact]
    public void PlanResourceCleanup_Should_record_its_times_in_UTC_to_the_microsecond()
    {
        var ragged = new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.FromHours(-5)).AddTicks(9_999);

        var cleanup = Plan(now: ragged);

        cleanup.RequestedAt.UtcTicks.Should().Be(new DateTimeOffset(2026, 11, 28, 13, 0, 0, TimeSpan.Zero).AddTicks(9_990).UtcTicks);
        cleanup.RequestedAt.Offset.Should().Be(TimeSpan.Zero);
        cleanup.UpdatedAt.Should().Be(cleanup.RequestedAt);
    }

    [Fact]
    public void PlanResourceCleanup_Should_reject_an_empty_id()
    {
        var provider = TestValues.Connect();

        var act = () => provider.PlanResourceCleanup(Guid.Empty, DeletedAt);

        act.Should().Throw<ArgumentException>().WithParameterName("id");
    }

    [Fact]
    public void RecordFailedAttempt_Should_count_the_failure_keep_its_description_and_stamp_the_time()
    {
        var cleanup = Plan();

        cleanup.RecordFailedAttempt("twilio_unavailable (HTTP 503, Twilio code none)", FailedAt);

        cleanup.FailedAttempts.Should().Be(1);
        cleanup.LastFailure.Should().Be("twilio_unavailable (HTTP 503, Twilio code none)");
        cleanup.UpdatedAt.Should().Be(FailedAt);
        cleanup.RequestedAt.Should().Be(DeletedAt);
    }

    [Fact]
    public void RecordFailedAttempt_Should_stay_pending_and_keep_the_credentials()
    {
        var cleanup = Plan();

        cleanup.RecordFailedAttempt("twilio_unavailable", FailedAt);

        cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        cleanup.AuthToken.Should().Be(TestValues.AuthToken);
    }

    [Fact]
    public void RecordFailedAttempt_Should_keep_only_the_latest_failure_and_count_them_all()
    {
        var cleanup = Plan();

        cleanup.RecordFailedAttempt("first", FailedAt);
        cleanup.RecordFailedAttempt("second", FailedAt.AddMinutes(1));
        cleanup.RecordFailedAttempt("third", FailedAt.AddMinutes(2));

        cleanup.FailedAttempts.Should().Be(3);
        cleanup.LastFailure.Should().Be("third");
        cleanup.UpdatedAt.Should().Be(FailedAt.AddMinutes(2));
    }

    [Fact]
    public void RecordFailedAttempt_Should_keep_a_failure_of_exactly_200_characters_whole()
    {
        var cleanup = Plan();
        var failure = new string('f', DurableOperation.MaxFailureLength);

        cleanup.RecordFailedAttempt(failure, FailedAt);

        cleanup.LastFailure.Should().Be(failure);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(1000)]
    public void RecordFailedAttempt_Should_truncate_a_longer_failure_to_its_first_200_characters(int length)
    {
        var cleanup = Plan();
        var failure = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        cleanup.RecordFailedAttempt(failure, FailedAt);

        cleanup.LastFailure.Should().HaveLength(200).And.Be(failure[..200]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void RecordFailedAttempt_Should_throw_and_count_nothing_When_the_failure_is_blank(string? failure)
    {
        var cleanup = Plan();

        var act = () => cleanup.RecordFailedAttempt(failure!, FailedAt);

        act.Should().Throw<ArgumentException>();
        cleanup.FailedAttempts.Should().Be(0);
        cleanup.LastFailure.Should().BeNull();
        cleanup.UpdatedAt.Should().Be(DeletedAt);
    }

    [Fact]
    public void RecordFailedAttempt_Should_record_the_time_in_UTC_to_the_microsecond()
    {
        var cleanup = Plan();

        cleanup.RecordFailedAttempt("failure", new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(15));

        cleanup.UpdatedAt.UtcTicks.Should().Be(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero).AddTicks(10).UtcTicks);
        cleanup.UpdatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Abandon_Should_mark_it_abandoned_and_drop_the_credentials()
    {
        var cleanup = Plan();
        cleanup.RecordFailedAttempt("twilio_credentials_rejected", FailedAt);

        cleanup.Abandon(FailedAt.AddMinutes(1));

        cleanup.Status.Should().Be(ResourceCleanupStatus.Abandoned);
        cleanup.AuthToken.Should().BeNull();
        cleanup.UpdatedAt.Should().Be(FailedAt.AddMinutes(1));
    }

    [Fact]
    public void Abandon_Should_keep_what_an_operator_needs_to_finish_by_hand()
    {
        var cleanup = Plan();
        cleanup.RecordFailedAttempt("twilio_credentials_rejected", FailedAt);

        cleanup.Abandon(FailedAt.AddMinutes(1));

        cleanup.Id.Should().Be(CleanupId);
        cleanup.OrganizationId.Value.Should().Be(TestValues.OrganizationId);
        cleanup.ProviderId.Value.Should().Be(TestValues.ProviderId);
        cleanup.AccountSid.Value.Should().Be(TestValues.AccountSid);
        cleanup.TrunkSid.Should().Be("TK0123456789abcdef0123456789abcdef");
        cleanup.CredentialListSid.Should().Be("CL0123456789abcdef0123456789abcdef");
        cleanup.FailedAttempts.Should().Be(1);
        cleanup.LastFailure.Should().Be("twilio_credentials_rejected");
        cleanup.RequestedAt.Should().Be(DeletedAt);
    }

    [Fact]
    public void Abandon_Should_record_the_time_in_UTC_to_the_microsecond()
    {
        var cleanup = Plan();

        cleanup.Abandon(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(19));

        cleanup.UpdatedAt.UtcTicks.Should().Be(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero).AddTicks(10).UtcTicks);
        cleanup.UpdatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void PlanResourceCleanup_Should_carry_no_numbers_When_the_provider_imported_none()
    {
        Plan().PhoneNumberSids.Should().BeEmpty();
        TestValues.Connect().PlanResourceCleanup(CleanupId, DeletedAt, []).PhoneNumberSids.Should().BeEmpty();
    }

    [Fact]
    public void PlanResourceCleanup_Should_carry_the_imported_numbers_in_the_order_given()
    {
        string[] sids = ["PN00000000000000000000000000000002", "PN00000000000000000000000000000001"];

        var cleanup = TestValues.Connect().PlanResourceCleanup(CleanupId, DeletedAt, sids);

        cleanup.PhoneNumberSids.Should().Equal("PN00000000000000000000000000000002", "PN00000000000000000000000000000001");
    }

    [Fact]
    public void PlanResourceCleanup_Should_keep_its_own_copy_of_the_numbers()
    {
        var sids = new List<string> { "PN00000000000000000000000000000001" };

        var cleanup = TestValues.Connect().PlanResourceCleanup(CleanupId, DeletedAt, sids);
        sids.Add("PN00000000000000000000000000000002");

        cleanup.PhoneNumberSids.Should().Equal("PN00000000000000000000000000000001");
    }

    [Fact]
    public void Abandon_Should_keep_the_numbers_an_operator_has_to_detach_by_hand()
    {
        var cleanup = TestValues.Connect().PlanResourceCleanup(CleanupId, DeletedAt, ["PN00000000000000000000000000000001"]);

        cleanup.Abandon(FailedAt);

        cleanup.PhoneNumberSids.Should().Equal("PN00000000000000000000000000000001");
    }

    [Fact]
    public void ForLeftovers_Should_record_a_pending_clean_up_of_both_resources_with_the_protected_token()
    {
        var providerId = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000000a");
        var token = new ProtectedSecret("cipher-auth-token");

        var cleanup = ForLeftovers(
            Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000000b"), "org-42", providerId, TestValues.AccountSid, token,
            "TK0123456789abcdef0123456789abcdef", "CL0123456789abcdef0123456789abcdef", TestValues.Now);

        cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        cleanup.ProviderId.Value.Should().Be(providerId);
        cleanup.AuthToken.Should().Be(token);
        cleanup.TrunkSid.Should().Be("TK0123456789abcdef0123456789abcdef");
        cleanup.CredentialListSid.Should().Be("CL0123456789abcdef0123456789abcdef");
        cleanup.PhoneNumberSids.Should().BeEmpty();
    }

    [Theory]
    [InlineData("TKnot-a-sid", "CL0123456789abcdef0123456789abcdef")]
    [InlineData("TK0123456789abcdef0123456789abcdef", "TK0123456789abcdef0123456789abcdef")]
    public void ForLeftovers_Should_refuse_what_is_not_a_trunk_and_a_credential_list(string trunkSid, string credentialListSid)
    {
        var act = () => ForLeftovers(
            Guid.NewGuid(), "org-42", Guid.NewGuid(), TestValues.AccountSid, new ProtectedSecret("cipher"), trunkSid, credentialListSid, TestValues.Now);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ForLeftovers_Should_refuse_an_unprotected_token()
    {
        var act = () => ForLeftovers(
            Guid.NewGuid(), "org-42", Guid.NewGuid(), TestValues.AccountSid, default, "TK0123456789abcdef0123456789abcdef", "CL0123456789abcdef0123456789abcdef", TestValues.Now);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("authToken");
    }

    [Fact]
    public void ForLeftovers_Should_refuse_an_empty_id_or_a_provider_id_that_was_never_made()
    {
        var emptyId = () => ForLeftovers(
            Guid.Empty, "org-42", Guid.NewGuid(), TestValues.AccountSid, new ProtectedSecret("cipher"), "TK0123456789abcdef0123456789abcdef", "CL0123456789abcdef0123456789abcdef", TestValues.Now);
        var defaultProviderId = () => TwilioResourceCleanup.ForLeftovers(
            Guid.NewGuid(), OrganizationId.Parse("org-42"), default, AccountSid.Parse(TestValues.AccountSid), new ProtectedSecret("cipher"), "TK0123456789abcdef0123456789abcdef", "CL0123456789abcdef0123456789abcdef", TestValues.Now);

        emptyId.Should().Throw<ArgumentException>().WithParameterName("id");
        defaultProviderId.Should().Throw<ArgumentException>().WithParameterName("id");
    }

    [Fact]
    public void Retry_Should_make_an_abandoned_clean_up_pending_again_with_the_token_it_is_given()
    {
        var cleanup = Plan();
        cleanup.RecordFailedAttempt("twilio_credentials_rejected", FailedAt);
        cleanup.Abandon(FailedAt);
        var token = new ProtectedSecret("cipher-auth-token-reconnected");

        cleanup.Retry(token, FailedAt.AddDays(1));

        cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        cleanup.AuthToken.Should().Be(token);
        cleanup.UpdatedAt.Should().Be(FailedAt.AddDays(1));
        cleanup.FailedAttempts.Should().Be(1, "the history of the attempts stays");
    }

    [Fact]
    public void Retry_Should_refuse_a_clean_up_that_is_still_pending_and_change_nothing()
    {
        var cleanup = Plan();

        var retry = () => cleanup.Retry(new ProtectedSecret("cipher-auth-token-reconnected"), FailedAt);

        retry.Should().Throw<DomainRuleViolationException>().Which.Code.Should().Be("cleanup_not_abandoned");
        cleanup.Status.Should().Be(ResourceCleanupStatus.Pending);
        cleanup.AuthToken.Should().Be(TestValues.AuthToken);
    }
}
