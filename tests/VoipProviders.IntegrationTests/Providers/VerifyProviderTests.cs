using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.IntegrationTests.Providers.Verification;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Providers;

/// <summary>
/// POST /api/v1/providers/{id}/verify against the emulated Twilio account, with the account changed behind the
/// module's back the way a tenant changes it in the Twilio Console.
/// </summary>
public sealed class VerifyProviderTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] CheckNames = ["Credentials", "Trunk", "Credential List", "Origination", "Phone Numbers"];

    [Fact]
    public async Task A_healthy_provider_passes_all_five_checks_in_order_and_the_outcome_is_stored()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var etagBefore = await ETagOfAsync(id);
        Twilio.ClearRequests();

        var result = await VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("verified");
        var checks = result.GetProperty("checks").EnumerateArray().ToList();
        checks.Select(c => c.GetProperty("checkName").GetString()).Should().Equal(CheckNames);
        checks.Should().AllSatisfy(c => c.GetProperty("status").GetString().Should().Be("passed"));
        Check(result, "Phone Numbers").GetProperty("message").GetString().Should().Be("No phone numbers are imported.");
        Check(result, "Trunk").GetProperty("details").GetProperty("trunkSid").GetString().Should().Be(Twilio.Trunks.Single().Sid);
        Check(result, "Origination").GetProperty("message").GetString().Should().Be("All 1 origination URLs are on the trunk, enabled and as configured.");
        var lastVerifiedAt = result.GetProperty("lastVerifiedAt").GetDateTimeOffset();
        lastVerifiedAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10));

        // Read-only calls, each once, all with the tenant's own account.
        Twilio.Requests.Select(r => r.Operation).Should().BeEquivalentTo(
        [
            TwilioOperation.FetchAccount,
            TwilioOperation.FetchTrunk,
            TwilioOperation.FetchTrunkCredentialList,
            TwilioOperation.ListCredentials,
            TwilioOperation.ListOriginationUrls,
        ]);
        Twilio.Requests.Should().AllSatisfy(r =>
        {
            r.Method.Should().Be("GET");
            r.AuthUser.Should().Be(builder.Account.Sid);
        });

        using var get = await GetProviderAsync(id);
        var stored = await ReadJsonAsync(get);
        stored.GetProperty("verificationStatus").GetString().Should().Be("verified");
        stored.GetProperty("lastVerifiedAt").GetDateTimeOffset().Should().Be(lastVerifiedAt);
        stored.GetProperty("verificationDetails").GetRawText().Should().Be(result.GetProperty("checks").GetRawText());
        // A verification observes the provider: its version does not move, so the ETag a caller holds stays valid for
        // If-Match; the tag's digest moves with what the provider now shows, so a cached copy is refreshed.
        // The tag is "{id}-{version}-{digest}"; the id has no '-', the base64url digest may.
        var idAndVersion = string.Join('-', etagBefore.Split('-')[..2]) + "-";
        get.Headers.ETag!.ToString().Should().StartWith(idAndVersion).And.NotBe(etagBefore);
        var sipPassword = Twilio.CredentialLists.Single().Credentials.Single().Password;
        await AssertSecretsNotLeakedAsync([builder.Account.AuthToken, sipPassword], builder.Account.Sid, result.GetRawText(), stored.GetRawText());
    }

    [Fact]
    public async Task A_trunk_deleted_in_the_Console_fails_the_trunk_and_credential_list_checks()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        await DeleteInTwilioConsoleAsync(builder.Account, $"/v1/Trunks/{trunkSid}");

        var result = await VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("failed");
        StatusOf(result).Should().Equal("passed", "failed", "failed", "failed", "passed");
        Check(result, "Trunk").GetProperty("details").GetProperty("trunkSid").GetString().Should().Be(trunkSid);
        Check(result, "Credential List").GetProperty("details").GetProperty("associatedWithTrunk").GetBoolean().Should().BeFalse();
        (await StoredStatusAsync(id)).Should().Be("failed");
    }

    [Fact]
    public async Task A_credential_list_detached_from_the_trunk_fails_the_credential_list_check_saying_so()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var trunk = Twilio.Trunks.Single();
        var listSid = Twilio.CredentialLists.Single().Sid;
        await DeleteInTwilioConsoleAsync(builder.Account, $"/v1/Trunks/{trunk.Sid}/CredentialLists/{listSid}");

        var result = await VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("failed");
        StatusOf(result).Should().Equal("passed", "passed", "failed", "passed", "passed");
        var details = Check(result, "Credential List").GetProperty("details");
        details.GetProperty("credentialListSid").GetString().Should().Be(listSid);
        details.GetProperty("credentialListExists").GetBoolean().Should().BeTrue();
        details.GetProperty("associatedWithTrunk").GetBoolean().Should().BeFalse();
        details.GetProperty("sipCredentialPresent").GetBoolean().Should().BeTrue();
        Check(result, "Credential List").GetProperty("message").GetString().Should().Contain("not associated with the trunk");
    }

    [Fact]
    public async Task A_SIP_credential_removed_from_the_list_fails_the_credential_list_check()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var list = Twilio.CredentialLists.Single();
        var credentialSid = list.Credentials.Single().Sid;
        await DeleteInTwilioConsoleAsync(builder.Account, $"/2010-04-01/Accounts/{builder.Account.Sid}/SIP/CredentialLists/{list.Sid}/Credentials/{credentialSid}.json");

        var result = await VerifyOkAsync(id);

        StatusOf(result).Should().Equal("passed", "passed", "failed", "passed", "passed");
        var details = Check(result, "Credential List").GetProperty("details");
        details.GetProperty("sipCredentialPresent").GetBoolean().Should().BeFalse();
        details.GetProperty("associatedWithTrunk").GetBoolean().Should().BeTrue();
        Check(result, "Credential List").GetProperty("message").GetString().Should().Contain("SIP credential");
    }

    [Fact]
    public async Task A_credential_list_deleted_in_the_Console_fails_the_credential_list_check()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var listSid = Twilio.CredentialLists.Single().Sid;
        await DeleteInTwilioConsoleAsync(builder.Account, $"/2010-04-01/Accounts/{builder.Account.Sid}/SIP/CredentialLists/{listSid}.json");

        var result = await VerifyOkAsync(id);

        StatusOf(result).Should().Equal("passed", "passed", "failed", "passed", "passed");
        var details = Check(result, "Credential List").GetProperty("details");
        details.GetProperty("credentialListExists").GetBoolean().Should().BeFalse();
        details.GetProperty("sipCredentialPresent").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task A_transfer_mode_changed_in_the_Console_is_a_warning_with_expected_and_actual()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        await TwilioConsoleAsync(builder.Account, HttpMethod.Post, $"/v1/Trunks/{trunkSid}", new Dictionary<string, string> { ["TransferMode"] = "enable-all" });

        var result = await VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("warning");
        StatusOf(result).Should().Equal("passed", "warning", "passed", "passed", "passed");
        var details = Check(result, "Trunk").GetProperty("details");
        details.GetProperty("expectedTransferMode").GetString().Should().Be("disable-all");
        details.GetProperty("actualTransferMode").GetString().Should().Be("enable-all");
    }

    [Fact]
    public async Task Imported_numbers_released_detached_or_moved_are_a_warning_listing_their_SIDs()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var account = builder.Account;
        var numbers = Enumerable.Range(0, 4).Select(i => Twilio.AddIncomingPhoneNumber(account.Sid, $"+1415555010{i}")).ToList();
        await ImportAllAsync(id, [.. numbers.Select(n => n.Sid)]);
        var ourTrunk = Twilio.Trunks.Single().Sid;
        var otherTrunk = (await TwilioConsoleAsync(account, HttpMethod.Post, "/v1/Trunks", new Dictionary<string, string> { ["FriendlyName"] = "elsewhere" }))
            .GetProperty("sid").GetString()!;

        await DeleteInTwilioConsoleAsync(account, $"/2010-04-01/Accounts/{account.Sid}/IncomingPhoneNumbers/{numbers[0].Sid}.json");
        await DeleteInTwilioConsoleAsync(account, $"/v1/Trunks/{ourTrunk}/PhoneNumbers/{numbers[1].Sid}");
        await DeleteInTwilioConsoleAsync(account, $"/v1/Trunks/{ourTrunk}/PhoneNumbers/{numbers[2].Sid}");
        await TwilioConsoleAsync(account, HttpMethod.Post, $"/v1/Trunks/{otherTrunk}/PhoneNumbers", new Dictionary<string, string> { ["PhoneNumberSid"] = numbers[2].Sid });

        var result = await VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("warning");
        StatusOf(result).Should().Equal("passed", "passed", "passed", "passed", "warning");
        var details = Check(result, "Phone Numbers").GetProperty("details");
        details.GetProperty("importedCount").GetInt32().Should().Be(4);
        Sids(details, "releasedPhoneNumberSids").Should().Equal(numbers[0].Sid);
        Sids(details, "detachedPhoneNumberSids").Should().Equal(numbers[1].Sid);
        Sids(details, "movedPhoneNumberSids").Should().Equal(numbers[2].Sid);
        Check(result, "Phone Numbers").GetProperty("message").GetString().Should().StartWith("3 of 4 imported numbers");
    }

    [Fact]
    public async Task Imported_numbers_all_on_the_trunk_pass_with_one_listing_call()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var numbers = Enumerable.Range(0, 3).Select(i => Twilio.AddIncomingPhoneNumber(builder.Account.Sid, $"+1415555020{i}")).ToList();
        await ImportAllAsync(id, [.. numbers.Select(n => n.Sid)]);

        var result = await VerifyOkAsync(id);

        result.GetProperty("status").GetString().Should().Be("verified");
        Check(result, "Phone Numbers").GetProperty("message").GetString().Should().Be("All 3 imported numbers are on the trunk.");
        Twilio.RequestsFor(TwilioOperation.ListTrunkPhoneNumbers).Should().ContainSingle();
        Twilio.RequestsFor(TwilioOperation.FetchIncomingPhoneNumber).Should().BeEmpty();
    }

    [Fact]
    public async Task A_token_rotated_in_the_Console_fails_credentials_and_skips_the_other_checks()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var newToken = NewToken();
        Twilio.SetAuthToken(builder.Account.Sid, newToken);

        using var response = await VerifyAsync(id);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var result = JsonDocument.Parse(body).RootElement;
        result.GetProperty("status").GetString().Should().Be("failed");
        StatusOf(result).Should().Equal("failed", "skipped", "skipped", "skipped", "skipped");
        Check(result, "Credentials").GetProperty("message").GetString().Should().Contain("rotate the Auth Token");
        Check(result, "Credentials").GetProperty("details").GetProperty("httpStatus").GetInt32().Should().Be(401);
        Twilio.Requests.Select(r => r.Operation).Should().Equal(TwilioOperation.FetchAccount);
        (await StoredStatusAsync(id)).Should().Be("failed");
        await AssertSecretsNotLeakedAsync([builder.Account.AuthToken, newToken], builder.Account.Sid, body, await StoredDetailsAsync(id));
    }

    [Theory]
    [InlineData(EmulatedAccountStatus.Suspended, "suspended")]
    [InlineData(EmulatedAccountStatus.Closed, "closed")]
    public async Task A_suspended_or_closed_account_fails_credentials(EmulatedAccountStatus status, string expected)
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        Twilio.SetAccountStatus(builder.Account.Sid, status);

        var result = await VerifyOkAsync(id);

        StatusOf(result).Should().Equal("failed", "skipped", "skipped", "skipped", "skipped");
        var credentials = Check(result, "Credentials");
        credentials.GetProperty("message").GetString().Should().Contain(expected);
        credentials.GetProperty("details").GetProperty("accountStatus").GetString().Should().Be(expected);
    }

    public static TheoryData<string, EmulatedFault[], HttpStatusCode, string> Outages => new()
    {
        { "500 beyond the retries", [.. Enumerable.Repeat(EmulatedFault.Http(500), VoipProvidersApiFactory.MaxRetryAttempts + 1)], HttpStatusCode.BadGateway, "twilio_unavailable" },
        { "connection resets", [.. Enumerable.Repeat(EmulatedFault.ConnectionReset(), VoipProvidersApiFactory.MaxRetryAttempts + 1)], HttpStatusCode.BadGateway, "twilio_unavailable" },
        { "429 beyond the retries", [.. Enumerable.Repeat(EmulatedFault.RateLimited(), VoipProvidersApiFactory.MaxRetryAttempts + 1)], HttpStatusCode.ServiceUnavailable, "twilio_rate_limited" },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task A_Twilio_outage_is_inconclusive_and_never_changes_the_stored_status(string outage, EmulatedFault[] faults, HttpStatusCode expected, string code)
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        (await VerifyOkAsync(id)).GetProperty("status").GetString().Should().Be("verified");
        var before = await Database.ProviderRowSnapshotAsync(id);
        Twilio.EnqueueFaults(TwilioOperation.FetchTrunk, faults);

        using var response = await VerifyAsync(id);

        response.StatusCode.Should().Be(expected, outage);
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be(code);
        if (expected == HttpStatusCode.ServiceUnavailable)
        {
            response.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        }

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, "an outage proves nothing about the provider: its row is not even written");
        (await Database.CountVerificationLeasesAsync()).Should().Be(0, "the run ended");
        await AssertSecretsNotLeakedAsync([builder.Account.AuthToken], builder.Account.Sid, problem.GetRawText());
    }

    [Fact]
    public async Task A_Twilio_that_does_not_answer_in_time_is_inconclusive()
    {
        var id = await ConnectAsync();
        (await VerifyOkAsync(id)).GetProperty("status").GetString().Should().Be("verified");
        var before = await Database.ProviderRowSnapshotAsync(id);
        Twilio.SetLatency(TwilioOperation.ListCredentials, TimeSpan.FromSeconds(30));
        // The replica with short Twilio timeouts serves the verification: it gives up on Twilio after a second, not five.
        using var client = (await Fixture.ShortTwilioTimeoutsHostAsync()).ClientFor(OrgA);

        using var response = await client.PostAsync($"{TwilioProvidersPath}/{id}/verify", null);

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task An_open_circuit_is_inconclusive_with_Retry_After()
    {
        var id = await ConnectAsync();
        (await VerifyOkAsync(id)).GetProperty("status").GetString().Should().Be("verified");
        var before = await Database.ProviderRowSnapshotAsync(id);
        await Fixture.ResetCircuitAsync();
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, [.. Enumerable.Repeat(EmulatedFault.Http(503), 20)]);
        using (var first = await VerifyAsync(id))
        {
            first.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        }

        using var second = await VerifyAsync(id);

        second.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ReadJsonAsync(second)).GetProperty("code").GetString().Should().Be("twilio_circuit_open");
        second.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task Another_organizations_provider_answers_404_and_is_not_checked()
    {
        var id = await ConnectAsync(OrgA);

        using var response = await VerifyAsync(id, OrgB);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("not_found");
        Twilio.Requests.Should().BeEmpty();
        (await StoredStatusAsync(id)).Should().Be("pending");
    }

    [Fact]
    public async Task An_unknown_id_answers_404_and_a_malformed_one_400_naming_id()
    {
        using var unknown = await VerifyAsync(Guid.CreateVersion7());
        using var malformed = await ClientFor().PostAsync($"{TwilioProvidersPath}/not-a-uuid/verify", null);

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(malformed)).GetProperty("errors").TryGetProperty("id", out _).Should().BeTrue();
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_token_it_answers_401()
    {
        var id = await ConnectAsync();

        using var response = await Fixture.AnonymousClient().PostAsync($"{TwilioProvidersPath}/{id}/verify", null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Two_verifications_at_once_run_the_checks_once_and_both_get_its_result()
    {
        var id = await ConnectAsync();
        // The first run holds the provider at its checks (a gate, not a guess of how long a request takes) ...
        await using var first = new VerificationRun(Fixture.Services, gated: true);
        var firstRun = first.VerifyNowAsync(OrgA, id);
        await first.Checks!.WhenFirstRunWaitsAsync();

        // ... while POST verify arrives, asks for the lease in vain and waits for that run.
        var second = VerifyAsync(id);
        await EventuallyAsync(() => Task.FromResult(LeaseRequests() == 2), "the second request asked for the provider's lease");
        second.IsCompleted.Should().BeFalse("the second request waits for the run going on");
        first.Checks.Open();

        var verified = await firstRun.WaitAsync(TimeSpan.FromSeconds(30));
        using var response = await second;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(response)).GetProperty("lastVerifiedAt").GetDateTimeOffset().Should().Be(verified.LastVerifiedAt!.Value);
        first.Checks.Runs.Should().Be(1, "the second request ran no checks of its own");
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().ContainSingle("the second request waited for the first run");
        Twilio.RequestsFor(TwilioOperation.FetchTrunk).Should().ContainSingle();
    }

    [Fact]
    public async Task A_status_change_is_logged_and_published_to_other_modules_with_the_old_and_new_status()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        await VerifyOkAsync(id);
        Twilio.SetAuthToken(builder.Account.Sid, NewToken());
        await VerifyOkAsync(id);
        await VerifyOkAsync(id); // failed again: no change, nothing published

        var changes = await Agents.WaitForEventAsync<ProviderVerificationStatusChanged>(count: 2);
        changes.Select(c => (c.PreviousStatus, c.Status)).Should().Equal(
            (ProviderVerificationStatus.Pending, ProviderVerificationStatus.Verified),
            (ProviderVerificationStatus.Verified, ProviderVerificationStatus.Failed));
        changes.Should().AllSatisfy(c =>
        {
            c.ProviderId.Should().Be(id);
            c.OrganizationId.Should().Be(OrgA);
        });
        Fixture.Logs.GetSnapshot().Where(r => r.Id.Id == 2401).Select(r => r.Message).Should().ContainSingle(m =>
            m.Contains("from Verified to Failed", StringComparison.Ordinal) && m.Contains(id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_provider_answers_404()
    {
        var id = await ConnectAsync();
        using (var deleted = await DeleteAsync(id))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        Twilio.ClearRequests();
        using var response = await VerifyAsync(id);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().BeEmpty();
    }

    private Task<HttpResponseMessage> VerifyAsync(Guid id, string organizationId = OrgA) =>
        ClientFor(organizationId).PostAsync($"{TwilioProvidersPath}/{id}/verify", null);

    private async Task<JsonElement> VerifyOkAsync(Guid id)
    {
        using var response = await VerifyAsync(id);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string?> StoredStatusAsync(Guid id) => await Database.ColumnAsync(id, "verification_status");

    private async Task<string> StoredDetailsAsync(Guid id) => await Database.ColumnAsync(id, "verification_details") ?? string.Empty;

    private static JsonElement Check(JsonElement result, string name) =>
        result.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("checkName").GetString() == name);

    private static List<string?> StatusOf(JsonElement result) =>
        [.. result.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("status").GetString())];

    private static List<string?> Sids(JsonElement details, string name) =>
        [.. details.GetProperty(name).EnumerateArray().Select(e => e.GetString())];

    /// <summary>How many times a run asked for a verification lease (the database commands the host logged).</summary>
    private int LeaseRequests() => Fixture.Logs.GetSnapshot().Count(record =>
        record.Id.Id == RelationalEventId.CommandExecuted.Id
        && record.Message.Contains("INSERT INTO voip_providers.provider_verification_leases", StringComparison.Ordinal));
}
