using System.Net;
using System.Text.Json;
using Npgsql;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Auditing;

/// <summary>
/// Issue 19 §2: every command leaves exactly its record, by the token's user and with the request's trace id; the
/// documented refusals (a token Twilio rejected, a stale If-Match on a credential change) leave a rejected record
/// although the command fails; tokens appear only as fingerprints; and the database refuses to change a record.
/// </summary>
public sealed class AuditRecordsTests(IntegrationFixture fixture) : AuditTest(fixture)
{
    private AuditRows Rows => new(Fixture.ConnectionString);

    [Fact]
    public async Task Connect_writes_one_succeeded_record_with_the_settings_and_the_token_fingerprint_only()
    {
        var provider = NewProvider().Named("Acme EU").InRegion("ie1");
        var id = await provider.ConnectAsync();

        var record = await SingleRecordAsync(AuditActions.ProviderConnected);

        record.GetProperty("providerId").GetGuid().Should().Be(id);
        record.GetProperty("outcome").GetString().Should().Be("succeeded");
        ShouldBeByTheUser(record);
        Detail(record, "name").Should().Be("Acme EU");
        Detail(record, "region").Should().Be("ie1");
        Detail(record, "accountSid").Should().Be(provider.Account.Sid);
        Detail(record, "trunkSid").Should().StartWith("TK");
        ShouldBeAFingerprint(Detail(record, "authTokenFingerprint"));
        (await Rows.DumpAsync()).Should().NotContain(provider.Account.AuthToken, "a token is stored as a fingerprint only");
    }

    [Fact]
    public async Task Update_writes_one_record_with_the_old_and_new_value_of_each_changed_field()
    {
        var id = await NewProvider().Named("Before").ConnectAsync();

        using (var response = await UpdateAsync(id, new { name = "After", supportsCallTransfer = true }))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var record = await SingleRecordAsync(AuditActions.ProviderUpdated, id);
        record.GetProperty("outcome").GetString().Should().Be("succeeded");
        ShouldBeByTheUser(record);
        var changes = record.GetProperty("details").GetProperty("changes");
        changes.EnumerateObject().Select(c => c.Name).Should().BeEquivalentTo("name", "supportsCallTransfer");
        changes.GetProperty("name").GetProperty("old").GetString().Should().Be("Before");
        changes.GetProperty("name").GetProperty("new").GetString().Should().Be("After");
        changes.GetProperty("supportsCallTransfer").GetProperty("old").GetBoolean().Should().BeFalse();
        changes.GetProperty("supportsCallTransfer").GetProperty("new").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_no_record()
    {
        var id = await NewProvider().Named("Same").ConnectAsync();

        using (var response = await UpdateAsync(id, new { name = "Same" }))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await RecordsAsync(AuditActions.ProviderUpdated, id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Auth_token_rotation_writes_one_record_with_the_previous_and_new_fingerprints_and_never_a_token()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var oldToken = provider.Account.AuthToken;
        var newToken = NewToken();
        Twilio.SetAuthToken(provider.Account.Sid, newToken);

        using (var response = await RotateAsync(id, new { authToken = newToken }))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var record = await SingleRecordAsync(AuditActions.AuthTokenRotated, id);
        record.GetProperty("outcome").GetString().Should().Be("succeeded");
        ShouldBeByTheUser(record);
        var previous = Detail(record, "previousAuthTokenFingerprint");
        var current = Detail(record, "authTokenFingerprint");
        ShouldBeAFingerprint(previous);
        ShouldBeAFingerprint(current);
        current.Should().NotBe(previous);
        previous.Should().Be(Detail(await SingleRecordAsync(AuditActions.ProviderConnected, id), "authTokenFingerprint"), "the same token has the same fingerprint");
        var stored = await Rows.DumpAsync();
        stored.Should().NotContain(oldToken).And.NotContain(newToken);
    }

    [Fact]
    public async Task The_same_token_always_has_the_same_fingerprint_and_another_token_another()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();

        using (var again = await RotateAsync(id, new { authToken = provider.Account.AuthToken }))
        {
            again.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var rejected = await RotateAsync(id, new { authToken = NewToken() }))
        {
            rejected.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        }

        var connected = Detail(await SingleRecordAsync(AuditActions.ProviderConnected, id), "authTokenFingerprint");
        var rotations = await RecordsAsync(AuditActions.AuthTokenRotated, id);
        var succeeded = rotations.Single(r => r.GetProperty("outcome").GetString() == "succeeded");
        var refused = rotations.Single(r => r.GetProperty("outcome").GetString() == "rejected");
        Detail(succeeded, "previousAuthTokenFingerprint").Should().Be(connected);
        Detail(succeeded, "authTokenFingerprint").Should().Be(connected);
        Detail(refused, "authTokenFingerprint").Should().NotBe(connected);
    }

    [Fact]
    public async Task Sip_credential_rotation_writes_one_record_with_the_old_and_new_usernames_and_no_password()
    {
        var id = await ConnectAsync();

        using (var response = await ClientFor().RotateSipCredentialAsync(id))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var record = await SingleRecordAsync(AuditActions.SipCredentialRotated, id);
        record.GetProperty("outcome").GetString().Should().Be("succeeded");
        ShouldBeByTheUser(record);
        Detail(record, "sipUsername").Should().NotBe(Detail(record, "previousSipUsername"));
        Detail(record, "sipCredentialSid").Should().StartWith("CR");
        record.GetProperty("details").EnumerateObject().Select(p => p.Name)
            .Should().NotContain(name => name.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Import_writes_one_record_with_the_SIDs_and_a_forced_removal_one_with_force()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var first = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var second = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550102");
        var ids = await ImportAllAsync(id, first.Sid, second.Sid);

        var imported = await SingleRecordAsync(AuditActions.PhoneNumbersImported, id);
        ShouldBeByTheUser(imported);
        imported.GetProperty("details").GetProperty("phoneNumberSids").EnumerateArray().Select(s => s.GetString())
            .Should().BeEquivalentTo(first.Sid, second.Sid);

        using (var response = await RemoveNumberAsync(id, ids[0], force: true))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        }

        var removed = await SingleRecordAsync(AuditActions.PhoneNumberRemoved, id);
        ShouldBeByTheUser(removed);
        removed.GetProperty("details").GetProperty("force").GetBoolean().Should().BeTrue();
        Detail(removed, "phoneNumberSid").Should().Be(first.Sid);
        removed.GetProperty("details").GetProperty("phoneNumberId").GetGuid().Should().Be(ids[0]);
    }

    [Fact]
    public async Task Delete_writes_one_record_that_outlives_the_provider()
    {
        var id = await NewProvider().Named("Doomed").ConnectAsync();

        using (var response = await DeleteAsync(id))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        var record = await SingleRecordAsync(AuditActions.ProviderDeleted, id);
        ShouldBeByTheUser(record);
        Detail(record, "name").Should().Be("Doomed");
        (await Database.CountProvidersAsync()).Should().Be(0);
        (await SingleRecordAsync(AuditActions.ProviderConnected, id)).GetProperty("providerId").GetGuid().Should().Be(id, "records outlive the provider");
    }

    [Fact]
    public async Task A_verification_that_changes_the_status_writes_one_record_and_one_that_does_not_none()
    {
        var id = await ConnectAsync();

        using (var first = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/verify", null))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        }

        using (var second = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/verify", null))
        {
            second.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var record = await SingleRecordAsync(AuditActions.VerificationStatusChanged, id);
        ShouldBeByTheUser(record);
        Detail(record, "previousStatus").Should().Be("pending");
        Detail(record, "status").Should().Be("verified");
    }

    [Fact]
    public async Task A_connect_with_a_token_Twilio_rejects_writes_one_rejected_record_and_no_provider()
    {
        var account = Twilio.AddAccount("Acme Voice");
        var wrongToken = NewToken();

        using var response = await CreateProviderAsync(new { accountSid = account.Sid, authToken = wrongToken });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "twilio_credentials_rejected");
        (await Database.CountProvidersAsync()).Should().Be(0);
        var record = await SingleRecordAsync(AuditActions.ProviderConnected);
        record.GetProperty("outcome").GetString().Should().Be("rejected");
        record.GetProperty("providerId").ValueKind.Should().Be(JsonValueKind.Null, "no provider was made");
        ShouldBeByTheUser(record);
        // The problem quotes the W3C traceparent (00-{trace id}-{span id}-{flags}); the record keeps its trace id.
        problem.GetProperty("traceId").GetString().Should().Contain(record.GetProperty("traceId").GetString(), "support finds the record by the problem's traceId");
        Detail(record, "reason").Should().Be("twilio_rejected_token");
        Detail(record, "accountSid").Should().Be(account.Sid);
        ShouldBeAFingerprint(Detail(record, "authTokenFingerprint"));
        (await Rows.CountAsync()).Should().Be(1, "nothing else is recorded");
        (await Rows.DumpAsync()).Should().NotContain(wrongToken);
    }

    [Fact]
    public async Task An_auth_token_rotation_Twilio_rejects_writes_one_rejected_record_and_changes_nothing()
    {
        var id = await ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);
        var wrongToken = NewToken();

        using var response = await RotateAsync(id, new { authToken = wrongToken });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "twilio_credentials_rejected");
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
        var record = await SingleRecordAsync(AuditActions.AuthTokenRotated, id);
        record.GetProperty("outcome").GetString().Should().Be("rejected");
        ShouldBeByTheUser(record);
        Detail(record, "reason").Should().Be("twilio_rejected_token");
        ShouldBeAFingerprint(Detail(record, "authTokenFingerprint"));
        (await Rows.DumpAsync()).Should().NotContain(wrongToken);
    }

    [Fact]
    public async Task A_stale_If_Match_on_an_auth_token_rotation_answers_412_and_writes_one_rejected_record()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var stale = await RenamedMeanwhileAsync(id);

        using var response = await RotateAsync(id, new { authToken = provider.Account.AuthToken }, ifMatch: stale);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        var record = (await RecordsAsync(AuditActions.AuthTokenRotated, id)).Should().ContainSingle().Subject;
        record.GetProperty("outcome").GetString().Should().Be("rejected");
        ShouldBeByTheUser(record);
        Detail(record, "reason").Should().Be("stale_if_match");
    }

    [Fact]
    public async Task A_stale_If_Match_on_a_SIP_credential_rotation_answers_412_and_writes_one_rejected_record()
    {
        var id = await ConnectAsync();
        var stale = await RenamedMeanwhileAsync(id);

        using var response = await ClientFor().RotateSipCredentialAsync(id, ifMatch: stale);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        var record = (await RecordsAsync(AuditActions.SipCredentialRotated, id)).Should().ContainSingle().Subject;
        record.GetProperty("outcome").GetString().Should().Be("rejected");
        ShouldBeByTheUser(record);
        Detail(record, "reason").Should().Be("stale_if_match");
    }

    [Fact]
    public async Task A_failed_command_that_is_no_documented_refusal_writes_no_record()
    {
        var id = await ConnectAsync();

        using var missing = await RotateAsync(Guid.CreateVersion7(), new { authToken = NewToken() });
        using var invalid = await UpdateAsync(id, new { region = "mars" });

        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Rows.CountAsync(AuditActions.AuthTokenRotated)).Should().Be(0);
        (await Rows.CountAsync(AuditActions.ProviderUpdated)).Should().Be(0);
    }

    [Fact]
    public async Task The_database_refuses_to_change_a_record()
    {
        await ConnectAsync();

        var update = async () => await Rows.ExecuteAsync($"UPDATE {AuditRows.Table} SET outcome = 'rejected'");

        (await update.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("append-only");
        var record = await SingleRecordAsync(AuditActions.ProviderConnected);
        record.GetProperty("outcome").GetString().Should().Be("succeeded");
    }

    /// <summary>An ETag of the provider that a rename has since made stale.</summary>
    private async Task<string> RenamedMeanwhileAsync(Guid id)
    {
        var stale = await ETagOfAsync(id);
        using var rename = await UpdateAsync(id, new { name = "Renamed meanwhile" });
        rename.StatusCode.Should().Be(HttpStatusCode.OK);
        return stale;
    }
}
