using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Verification;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Verification;

public sealed class TwilioProviderChecksTests
{
    private const string TrunkSid = TestValues.TrunkSid;
    private const string CredentialListSid = "CL0123456789abcdef0123456789abcdef";
    private const string TrunkDomainName = "vp-0123456789abcdef.pstn.twilio.com";

    /// <summary>Every read the checks can make, each given a scenario in which the checks make it.</summary>
    private static readonly string[] ReadOperations =
    [
        GatewayOperation.FetchAccount,
        GatewayOperation.FetchTrunk,
        GatewayOperation.IsCredentialListAssociated,
        GatewayOperation.ListSipCredentialUsernames,
        GatewayOperation.ListOriginationUrls,
        GatewayOperation.ListTrunkPhoneNumberSids,
        GatewayOperation.FindIncomingPhoneNumber,
        GatewayOperation.ListIncomingPhoneNumbers,
    ];

    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeImportedPhoneNumberRepository _phoneNumbers = new();

    /// <summary>A clock between two microseconds, so an unnormalized timestamp would show.</summary>
    private readonly FakeTimeProvider _time = new(TestValues.Start.AddDays(3).AddTicks(1_234_567));

    private readonly TwilioProvider _provider;

    public TwilioProviderChecksTests()
    {
        _provider = TestValues.ConnectedProvider(_protector, now: TestValues.Start);
        HealthyTwilioAccount.Seed(_twilio, _provider);
    }

    public static TheoryData<string, bool> InconclusiveFailures()
    {
        var data = new TheoryData<string, bool>();
        foreach (var operation in ReadOperations)
        {
            data.Add(operation, false);
            data.Add(operation, true);
        }

        return data;
    }

    private static TwilioCredentials ProviderCredentials => new(TestValues.AccountSid, TwilioAuthToken.From(TestValues.AuthToken));

    private async Task<IReadOnlyList<VerificationCheck>> RunAsync(TwilioProvider? provider = null) =>
        await new TwilioProviderChecks(_twilio, _protector, _phoneNumbers, TestValues.Origination(), _time).RunAsync(provider ?? _provider, CancellationToken.None);

    private static VerificationCheck Named(IReadOnlyList<VerificationCheck> checks, string name) =>
        checks.Should().ContainSingle(c => c.CheckName == name).Subject;

    private static List<string> Sids(VerificationCheck check, string key) =>
        check.Details.Should().ContainKey(key).WhoseValue.Should().BeAssignableTo<IEnumerable<string>>().Subject.ToList();

    private void ImportOnTrunk(params int[] numbers) => HealthyTwilioAccount.ImportOnTrunk(_twilio, _phoneNumbers, _provider, numbers);

    /// <summary>Imports numbers that are not on the trunk, so the checks look for them (one by one, or in one account listing).</summary>
    private void ImportDetached(params int[] numbers)
    {
        foreach (var n in numbers)
        {
            _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, n));
            _twilio.PhoneNumbers[TestValues.PhoneNumberSid(n)] = TestValues.IncomingNumber(n, trunkSid: null);
        }
    }

    /// <summary>A scenario in which the checks make <paramref name="operation"/>, besides the calls every run makes.</summary>
    private void ArrangeSoThatTheChecksMake(string operation)
    {
        ImportOnTrunk(1);
        if (operation == GatewayOperation.ListIncomingPhoneNumbers)
        {
            ImportDetached([.. Enumerable.Range(100, 21)]);
        }
        else
        {
            ImportDetached(2);
        }
    }

    private static void ShouldBeCredentialsFailedAndTheRestSkipped(IReadOnlyList<VerificationCheck> checks)
    {
        checks.Select(c => c.CheckName).Should().Equal(
            VerificationCheckNames.Credentials,
            VerificationCheckNames.Trunk,
            VerificationCheckNames.CredentialList,
            VerificationCheckNames.Origination,
            VerificationCheckNames.PhoneNumbers);
        checks[0].Status.Should().Be(VerificationCheckStatus.Failed);
        checks.Skip(1).Should().AllSatisfy(c =>
        {
            c.Status.Should().Be(VerificationCheckStatus.Skipped);
            c.Message.Should().Be("Not checked: the credentials check failed.");
            c.Details.Should().BeEmpty();
        });
    }

    // ----- All passing -----

    [Fact]
    public async Task RunAsync_Should_pass_all_five_checks_in_order_When_the_account_is_as_provisioned()
    {
        ImportOnTrunk(1, 2);

        var checks = await RunAsync();

        checks.Select(c => c.CheckName).Should().Equal("Credentials", "Trunk", "Credential List", "Origination", "Phone Numbers");
        checks.Should().AllSatisfy(c => c.Status.Should().Be(VerificationCheckStatus.Passed));
    }

    [Fact]
    public async Task RunAsync_Should_fetch_the_account_then_the_trunk_then_read_the_credential_list_origination_urls_and_trunk_numbers_with_the_providers_credentials()
    {
        ImportOnTrunk(1, 2);

        await RunAsync();

        _twilio.Operations.Take(2).Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.FetchTrunk);
        _twilio.Operations.Skip(2).Should().BeEquivalentTo(
        [
            GatewayOperation.IsCredentialListAssociated,
            GatewayOperation.ListSipCredentialUsernames,
            GatewayOperation.ListOriginationUrls,
            GatewayOperation.ListTrunkPhoneNumberSids,
        ]);
        _twilio.Calls.Should().AllSatisfy(call => call.Credentials.Should().Be(ProviderCredentials));
        _twilio.CallsTo(GatewayOperation.FetchTrunk).Single().Arguments.Should().Equal(TrunkSid);
        _twilio.CallsTo(GatewayOperation.IsCredentialListAssociated).Single().Arguments.Should().Equal(TrunkSid, CredentialListSid);
        _twilio.CallsTo(GatewayOperation.ListSipCredentialUsernames).Single().Arguments.Should().Equal(CredentialListSid);
        _twilio.CallsTo(GatewayOperation.ListOriginationUrls).Single().Arguments.Should().Equal(TrunkSid);
        _twilio.CallsTo(GatewayOperation.ListTrunkPhoneNumberSids).Single().Arguments.Should().Equal(TrunkSid);
    }

    [Fact]
    public async Task RunAsync_Should_describe_what_each_passing_check_found()
    {
        ImportOnTrunk(1, 2, 3);

        var checks = await RunAsync();

        Named(checks, VerificationCheckNames.Credentials).Details.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["accountSid"] = TestValues.AccountSid.Value,
            ["accountStatus"] = "active",
        });
        Named(checks, VerificationCheckNames.Trunk).Details.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["trunkSid"] = TrunkSid,
            ["domainName"] = TrunkDomainName,
            ["transferMode"] = "disable-all",
            ["secure"] = false,
        });
        Named(checks, VerificationCheckNames.CredentialList).Details.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["credentialListSid"] = CredentialListSid,
            ["trunkSid"] = TrunkSid,
            ["credentialListExists"] = true,
            ["associatedWithTrunk"] = true,
            ["sipCredentialPresent"] = true,
        });
        var origination = Named(checks, VerificationCheckNames.Origination);
        origination.Message.Should().Be("All 1 origination URLs are on the trunk, enabled and as configured.");
        origination.Details.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["trunkSid"] = TrunkSid,
            ["expectedCount"] = 1,
        });
        var numbers = Named(checks, VerificationCheckNames.PhoneNumbers);
        numbers.Message.Should().Be("All 3 imported numbers are on the trunk.");
        numbers.Details.Should().BeEquivalentTo(new Dictionary<string, object> { ["importedCount"] = 3 });
    }

    [Fact]
    public async Task RunAsync_Should_pass_the_phone_numbers_check_without_reading_the_trunks_numbers_When_none_is_imported()
    {
        var checks = await RunAsync();

        var numbers = Named(checks, VerificationCheckNames.PhoneNumbers);
        numbers.Status.Should().Be(VerificationCheckStatus.Passed);
        numbers.Message.Should().Be("No phone numbers are imported.");
        numbers.Details.Should().BeEquivalentTo(new Dictionary<string, object> { ["importedCount"] = 0 });
        _twilio.Operations.Should().NotContain(GatewayOperation.ListTrunkPhoneNumberSids)
            .And.NotContain(GatewayOperation.FindIncomingPhoneNumber)
            .And.NotContain(GatewayOperation.ListIncomingPhoneNumbers);
    }

    [Fact]
    public async Task RunAsync_Should_ignore_the_numbers_other_providers_imported()
    {
        var other = TestValues.ConnectedProvider(_protector, id: Guid.Parse("0199f6a2-4c1e-7b3d-9a10-0000000000ff"));
        _phoneNumbers.Seed(TestValues.ImportedNumber(other, 7));

        var checks = await RunAsync();

        Named(checks, VerificationCheckNames.PhoneNumbers).Message.Should().Be("No phone numbers are imported.");
    }

    // ----- Credentials -----

    [Fact]
    public async Task RunAsync_Should_fail_credentials_skip_the_rest_and_call_no_one_When_the_stored_token_cannot_be_decrypted()
    {
        var provider = TestValues.ConnectedProvider(_protector, protectedAuthToken: new ProtectedSecret("protected-by-a-key-that-is-gone"));
        ImportOnTrunk(1);

        var checks = await RunAsync(provider);

        ShouldBeCredentialsFailedAndTheRestSkipped(checks);
        checks[0].Message.Should().Contain("can no longer be decrypted").And.Contain("rotate the Auth Token");
        checks[0].Details.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["accountSid"] = TestValues.AccountSid.Value,
            ["reason"] = "stored_token_unreadable",
        });
        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_Should_fail_credentials_with_the_http_status_and_skip_the_rest_When_Twilio_rejects_them_on_the_account_fetch()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));
        ImportOnTrunk(1);

        var checks = await RunAsync();

        ShouldBeCredentialsFailedAndTheRestSkipped(checks);
        checks[0].Message.Should().Be("Twilio rejected the stored credentials: rotate the Auth Token.");
        checks[0].Details.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["accountSid"] = TestValues.AccountSid.Value,
            ["httpStatus"] = 401,
            ["twilioErrorCode"] = 20003,
        });
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
    }

    [Fact]
    public async Task RunAsync_Should_fail_credentials_and_skip_the_rest_When_Twilio_rejects_them_on_the_trunk_fetch()
    {
        _twilio.FailOn(GatewayOperation.FetchTrunk, new TwilioCredentialsRejectedException(20003, 403));
        ImportOnTrunk(1);

        var checks = await RunAsync();

        ShouldBeCredentialsFailedAndTheRestSkipped(checks);
        checks[0].Details.Should().Contain("httpStatus", 403);
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.FetchTrunk);
    }

    [Theory]
    [InlineData(GatewayOperation.IsCredentialListAssociated)]
    [InlineData(GatewayOperation.ListSipCredentialUsernames)]
    [InlineData(GatewayOperation.ListOriginationUrls)]
    [InlineData(GatewayOperation.ListTrunkPhoneNumberSids)]
    [InlineData(GatewayOperation.FindIncomingPhoneNumber)]
    [InlineData(GatewayOperation.ListIncomingPhoneNumbers)]
    public async Task RunAsync_Should_fail_credentials_and_skip_the_rest_When_Twilio_rejects_them_halfway(string operation)
    {
        ArrangeSoThatTheChecksMake(operation);
        _twilio.FailOn(operation, new TwilioCredentialsRejectedException(20003, 401));

        var checks = await RunAsync();

        ShouldBeCredentialsFailedAndTheRestSkipped(checks);
        checks[0].Message.Should().Be("Twilio rejected the stored credentials: rotate the Auth Token.");
        checks[0].Details.Should().Contain("httpStatus", 401).And.Contain("twilioErrorCode", 20003);
    }

    [Fact]
    public async Task RunAsync_Should_leave_out_the_error_code_When_Twilio_rejected_the_credentials_without_one()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(twilioErrorCode: null, httpStatus: 401));

        var checks = await RunAsync();

        checks[0].Details.Should().ContainKey("httpStatus").And.NotContainKey("twilioErrorCode");
    }

    [Fact]
    public async Task RunAsync_Should_fail_credentials_with_the_account_status_When_the_account_is_suspended()
    {
        _twilio.Account = new TwilioAccount(TestValues.AccountSid.Value, "Acme Telecom", "suspended");

        var checks = await RunAsync();

        ShouldBeCredentialsFailedAndTheRestSkipped(checks);
        checks[0].Message.Should().Contain("suspended");
        checks[0].Details.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["accountSid"] = TestValues.AccountSid.Value,
            ["accountStatus"] = "suspended",
        });
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
    }

    // ----- Inconclusive -----

    [Theory]
    [MemberData(nameof(InconclusiveFailures))]
    public async Task RunAsync_Should_let_the_failure_propagate_as_inconclusive_When_Twilio_is_unavailable_or_rate_limiting(string operation, bool rateLimited)
    {
        ArrangeSoThatTheChecksMake(operation);
        TwilioGatewayException failure = rateLimited
            ? new TwilioRateLimitedException(TimeSpan.FromSeconds(30), 20429)
            : new TwilioUnavailableException("Twilio answered 503.", httpStatus: 503);
        _twilio.FailOn(operation, failure);

        var act = () => RunAsync();

        (await act.Should().ThrowAsync<TwilioGatewayException>()).Which.Should().BeSameAs(failure);
        _twilio.Operations.Should().Contain(operation);
    }

    // ----- Trunk -----

    [Fact]
    public async Task RunAsync_Should_fail_the_trunk_check_but_pass_credentials_When_the_trunk_is_gone()
    {
        _twilio.Trunks.Remove(TrunkSid);

        var checks = await RunAsync();

        Named(checks, VerificationCheckNames.Credentials).Status.Should().Be(VerificationCheckStatus.Passed);
        var trunk = Named(checks, VerificationCheckNames.Trunk);
        trunk.Status.Should().Be(VerificationCheckStatus.Failed);
        trunk.Message.Should().Contain("no longer exists");
        trunk.Details.Should().BeEquivalentTo(new Dictionary<string, object> { ["trunkSid"] = TrunkSid });
    }

    [Fact]
    public async Task RunAsync_Should_fail_the_trunk_check_with_both_domains_When_the_trunks_domain_differs()
    {
        _twilio.Trunks[TrunkSid] = "someone-else.pstn.twilio.com";

        var checks = await RunAsync();

        var trunk = Named(checks, VerificationCheckNames.Trunk);
        trunk.Status.Should().Be(VerificationCheckStatus.Failed);
        trunk.Details.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["trunkSid"] = TrunkSid,
            ["expectedDomainName"] = TrunkDomainName,
            ["actualDomainName"] = "someone-else.pstn.twilio.com",
        });
    }

    [Fact]
    public async Task RunAsync_Should_pass_the_trunk_check_When_the_domain_differs_only_in_case()
    {
        _twilio.Trunks[TrunkSid] = TrunkDomainName.ToUpperInvariant();

        var checks = await RunAsync();

        Named(checks, VerificationCheckNames.Trunk).Status.Should().Be(VerificationCheckStatus.Passed);
    }

    [Theory]
    [InlineData(false, "sip-only", "disable-all", "allows call transfer although")]
    [InlineData(false, "enable-all", "disable-all", "allows call transfer although")]
    [InlineData(true, "sip-only", "enable-all", "transfers will fail")]
    [InlineData(true, "disable-all", "enable-all", "transfers will fail")]
    public async Task RunAsync_Should_warn_with_both_transfer_modes_When_the_trunks_transfer_mode_is_not_the_providers(
        bool supportsCallTransfer,
        string actualMode,
        string expectedMode,
        string messagePart)
    {
        var provider = TestValues.ConnectedProvider(_protector, supportsCallTransfer: supportsCallTransfer);
        _twilio.TrunkTransferModes[TrunkSid] = actualMode;

        var checks = await RunAsync(provider);

        var trunk = Named(checks, VerificationCheckNames.Trunk);
        trunk.Status.Should().Be(VerificationCheckStatus.Warning);
        trunk.Message.Should().Contain(messagePart);
        trunk.Details.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["trunkSid"] = TrunkSid,
            ["expectedTransferMode"] = expectedMode,
            ["actualTransferMode"] = actualMode,
        });
    }

    [Fact]
    public async Task RunAsync_Should_pass_the_trunk_check_When_call_transfer_is_enabled_on_both_sides()
    {
        var provider = TestValues.ConnectedProvider(_protector, supportsCallTransfer: true);
        _twilio.TransferEnabledTrunks.Add(TrunkSid);

        var checks = await RunAsync(provider);

        var trunk = Named(checks, VerificationCheckNames.Trunk);
        trunk.Status.Should().Be(VerificationCheckStatus.Passed);
        trunk.Details.Should().Contain("transferMode", "enable-all");
    }

    // ----- Credential list -----

    [Fact]
    public async Task RunAsync_Should_fail_the_credential_list_check_naming_everything_missing_When_the_list_is_gone()
    {
        _twilio.CredentialLists.Remove(CredentialListSid);

        var checks = await RunAsync();

        var list = Named(checks, VerificationCheckNames.CredentialList);
        list.Status.Should().Be(VerificationCheckStatus.Failed);
        list.Details.Should().Contain("credentialListExists", false)
            .And.Contain("associatedWithTrunk", false)
            .And.Contain("sipCredentialPresent", false);
        list.Message.Should().StartWith("SIP authentication will fail:")
            .And.Contain("the credential list no longer exists")
            .And.Contain("the credential list is not associated with the trunk")
            .And.Contain("the provider's SIP credential is missing from the list");
    }

    [Fact]
    public async Task RunAsync_Should_fail_the_credential_list_check_naming_only_the_association_When_the_list_is_not_associated()
    {
        _twilio.Associations.Clear();

        var checks = await RunAsync();

        var list = Named(checks, VerificationCheckNames.CredentialList);
        list.Status.Should().Be(VerificationCheckStatus.Failed);
        list.Details.Should().Contain("credentialListExists", true)
            .And.Contain("associatedWithTrunk", false)
            .And.Contain("sipCredentialPresent", true);
        list.Message.Should().Be("SIP authentication will fail: the credential list is not associated with the trunk.");
    }

    [Fact]
    public async Task RunAsync_Should_fail_the_credential_list_check_naming_the_username_When_the_sip_credential_is_gone()
    {
        _twilio.SipCredentials.Clear();

        var checks = await RunAsync();

        var list = Named(checks, VerificationCheckNames.CredentialList);
        list.Status.Should().Be(VerificationCheckStatus.Failed);
        list.Details.Should().Contain("credentialListExists", true)
            .And.Contain("associatedWithTrunk", true)
            .And.Contain("sipCredentialPresent", false)
            .And.NotContainKey("sipUsername", "half of the SIP credential is never shown to the tenant (issue #22)");
        list.Message.Should().Be("SIP authentication will fail: the provider's SIP credential is missing from the list.")
            .And.NotContain(_provider.SipUsername);
    }

    [Fact]
    public async Task RunAsync_Should_fail_the_credential_list_check_When_the_list_holds_only_other_usernames()
    {
        _twilio.SipCredentials[_provider.SipCredentialSid] = (CredentialListSid, _provider.SipUsername.ToUpperInvariant());
        _twilio.SipCredentials["CRffffffffffffffffffffffffffffffff"] = (CredentialListSid, "someone-else");

        var checks = await RunAsync();

        Named(checks, VerificationCheckNames.CredentialList).Details.Should().Contain("sipCredentialPresent", false);
    }

    // ----- Phone numbers -----

    [Fact]
    public async Task RunAsync_Should_pass_the_phone_numbers_check_with_the_count_and_look_up_nothing_When_every_number_is_on_the_trunk()
    {
        ImportOnTrunk(1, 2, 3, 4);

        var checks = await RunAsync();

        var numbers = Named(checks, VerificationCheckNames.PhoneNumbers);
        numbers.Status.Should().Be(VerificationCheckStatus.Passed);
        numbers.Details.Should().Contain("importedCount", 4);
        _twilio.Operations.Should().NotContain(GatewayOperation.FindIncomingPhoneNumber).And.NotContain(GatewayOperation.ListIncomingPhoneNumbers);
    }

    [Fact]
    public async Task RunAsync_Should_warn_listing_released_detached_and_moved_numbers_When_numbers_left_the_trunk()
    {
        ImportOnTrunk(1, 2, 3, 4);
        _twilio.PhoneNumbers.Remove(TestValues.PhoneNumberSid(2));
        _twilio.PhoneNumbers[TestValues.PhoneNumberSid(3)] = TestValues.IncomingNumber(3, trunkSid: null);
        _twilio.PhoneNumbers[TestValues.PhoneNumberSid(4)] = TestValues.IncomingNumber(4, TestValues.OtherTrunkSid);

        var checks = await RunAsync();

        var numbers = Named(checks, VerificationCheckNames.PhoneNumbers);
        numbers.Status.Should().Be(VerificationCheckStatus.Warning);
        numbers.Message.Should().Be("3 of 4 imported numbers no longer route over the trunk: calls to them will not reach it.");
        numbers.Details.Should().Contain("importedCount", 4);
        Sids(numbers, "releasedPhoneNumberSids").Should().Equal(TestValues.PhoneNumberSid(2));
        Sids(numbers, "detachedPhoneNumberSids").Should().Equal(TestValues.PhoneNumberSid(3));
        Sids(numbers, "movedPhoneNumberSids").Should().Equal(TestValues.PhoneNumberSid(4));
    }

    [Theory]
    [InlineData("released")]
    [InlineData("detached")]
    [InlineData("moved")]
    public async Task RunAsync_Should_warn_with_empty_lists_for_the_other_kinds_When_numbers_left_the_trunk_one_way(string how)
    {
        ImportOnTrunk(1, 2);
        var sid = TestValues.PhoneNumberSid(2);
        switch (how)
        {
            case "released":
                _twilio.PhoneNumbers.Remove(sid);
                break;
            case "detached":
                _twilio.PhoneNumbers[sid] = TestValues.IncomingNumber(2, trunkSid: null);
                break;
            default:
                _twilio.PhoneNumbers[sid] = TestValues.IncomingNumber(2, TestValues.OtherTrunkSid);
                break;
        }

        var checks = await RunAsync();

        var numbers = Named(checks, VerificationCheckNames.PhoneNumbers);
        numbers.Status.Should().Be(VerificationCheckStatus.Warning);
        numbers.Message.Should().StartWith("1 of 2 imported numbers");
        foreach (var kind in new[] { "released", "detached", "moved" })
        {
            Sids(numbers, $"{kind}PhoneNumberSids").Should().Equal(kind == how ? new[] { sid } : Array.Empty<string>());
        }
    }

    [Fact]
    public async Task RunAsync_Should_look_up_each_missing_number_once_When_at_most_twenty_are_missing()
    {
        ImportOnTrunk(1);
        var missing = Enumerable.Range(100, 20).ToArray();
        ImportDetached(missing);

        var checks = await RunAsync();

        _twilio.Operations.Should().NotContain(GatewayOperation.ListIncomingPhoneNumbers);
        _twilio.CallsTo(GatewayOperation.FindIncomingPhoneNumber).Select(c => c.Argument<string>(0))
            .Should().BeEquivalentTo(missing.Select(TestValues.PhoneNumberSid));
        Sids(Named(checks, VerificationCheckNames.PhoneNumbers), "detachedPhoneNumberSids").Should().HaveCount(20);
    }

    [Fact]
    public async Task RunAsync_Should_list_the_accounts_numbers_once_instead_of_looking_each_up_When_more_than_twenty_are_missing()
    {
        ImportOnTrunk(1);
        ImportDetached([.. Enumerable.Range(100, 20)]);
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 200));

        var checks = await RunAsync();

        _twilio.CallsTo(GatewayOperation.ListIncomingPhoneNumbers).Should().ContainSingle();
        _twilio.Operations.Should().NotContain(GatewayOperation.FindIncomingPhoneNumber);
        var numbers = Named(checks, VerificationCheckNames.PhoneNumbers);
        numbers.Status.Should().Be(VerificationCheckStatus.Warning);
        numbers.Details.Should().Contain("importedCount", 22);
        Sids(numbers, "detachedPhoneNumberSids").Should().Equal(Enumerable.Range(100, 20).Select(TestValues.PhoneNumberSid));
        Sids(numbers, "releasedPhoneNumberSids").Should().Equal(TestValues.PhoneNumberSid(200));
        Sids(numbers, "movedPhoneNumberSids").Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_Should_pass_the_phone_numbers_check_When_a_number_is_back_on_the_trunk_by_the_time_it_is_looked_up()
    {
        ImportOnTrunk(1);
        ImportDetached(2);
        _twilio.DuringCall = (operation, _) =>
        {
            if (operation == GatewayOperation.FindIncomingPhoneNumber)
            {
                _twilio.PhoneNumbers[TestValues.PhoneNumberSid(2)] = TestValues.IncomingNumber(2, TrunkSid);
            }

            return Task.CompletedTask;
        };

        var checks = await RunAsync();

        Named(checks, VerificationCheckNames.PhoneNumbers).Status.Should().Be(VerificationCheckStatus.Passed);
    }

    // ----- No secrets, timestamps -----

    [Theory]
    [InlineData("passing")]
    [InlineData("credentials-rejected")]
    [InlineData("credentials-rejected-halfway")]
    [InlineData("account-suspended")]
    [InlineData("trunk-misconfigured")]
    [InlineData("credential-list-broken")]
    [InlineData("numbers-gone")]
    public async Task RunAsync_Should_put_no_secret_in_any_message_or_detail(string scenario)
    {
        ImportOnTrunk(1, 2);
        switch (scenario)
        {
            case "credentials-rejected":
                _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));
                break;
            case "credentials-rejected-halfway":
                _twilio.FailOn(GatewayOperation.ListSipCredentialUsernames, new TwilioCredentialsRejectedException(20003, 401));
                break;
            case "account-suspended":
                _twilio.Account = new TwilioAccount(TestValues.AccountSid.Value, "Acme Telecom", "suspended");
                break;
            case "trunk-misconfigured":
                _twilio.Trunks[TrunkSid] = "someone-else.pstn.twilio.com";
                break;
            case "credential-list-broken":
                _twilio.SipCredentials.Clear();
                _twilio.Associations.Clear();
                break;
            case "numbers-gone":
                _twilio.PhoneNumbers.Clear();
                break;
            default:
                break;
        }

        var checks = await RunAsync();

        var json = JsonSerializer.Serialize(checks, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.Should().Contain(TestValues.AccountSid.Value, "the serialization must actually include the details");
        foreach (var secret in new[]
                 {
                     TestValues.AuthToken,
                     HealthyTwilioAccount.SipPassword,
                     _provider.AuthToken.CipherText,
                     _provider.SipPassword.CipherText,
                     Convert.ToBase64String(Encoding.UTF8.GetBytes(TestValues.AuthToken)),
                     Convert.ToBase64String(Encoding.UTF8.GetBytes(HealthyTwilioAccount.SipPassword)),
                 })
        {
            json.Should().NotContainEquivalentOf(secret);
        }
    }

    [Fact]
    public async Task RunAsync_Should_stamp_every_check_with_the_current_time_to_the_microsecond()
    {
        ImportOnTrunk(1);
        var expected = Timestamps.Normalize(_time.GetUtcNow());
        expected.Should().NotBe(_time.GetUtcNow(), "the clock is set between two microseconds");

        var checks = await RunAsync();

        checks.Should().HaveCount(5).And.AllSatisfy(c => c.Timestamp.Should().Be(expected));
        checks.Should().AllSatisfy(c => c.Timestamp.Offset.Should().Be(TimeSpan.Zero));
    }

    [Fact]
    public async Task RunAsync_Should_stamp_the_failed_and_skipped_checks_with_the_current_time_to_the_microsecond()
    {
        _twilio.FailOn(GatewayOperation.FetchAccount, new TwilioCredentialsRejectedException(20003, 401));

        var checks = await RunAsync();

        checks.Should().AllSatisfy(c => c.Timestamp.Should().Be(Timestamps.Normalize(_time.GetUtcNow())));
    }
}
