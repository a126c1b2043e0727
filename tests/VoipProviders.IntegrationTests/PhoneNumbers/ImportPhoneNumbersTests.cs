using System.Net;
using System.Text;
using System.Text.Json;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

public sealed class ImportPhoneNumbersTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string UnknownSid = "PN00000000000000000000000000000000";

    [Fact]
    public async Task Numbers_are_attached_to_the_trunk_recorded_and_returned_with_their_new_ids()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        var a = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var b = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550102", "Support line");

        using var response = await ImportNumbersAsync(id, [a.Sid, b.Sid, a.Sid]);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var result = JsonDocument.Parse(body).RootElement;
        result.GetProperty("successCount").GetInt32().Should().Be(2, "a SID given twice counts once");
        result.GetProperty("failedCount").GetInt32().Should().Be(0);
        result.GetProperty("errors").GetArrayLength().Should().Be(0);
        var imported = result.GetProperty("imported").EnumerateArray().ToList();
        imported.Select(i => i.GetProperty("phoneNumberSid").GetString()).Should().Equal(a.Sid, b.Sid);
        imported.Select(i => i.GetProperty("phoneNumber").GetString()).Should().Equal("+14155550101", "+14155550102");
        (await Database.CountImportedNumbersAsync()).Should().Be(2);
        Twilio.PhoneNumbers.Should().OnlyContain(n => n.TrunkSid == trunkSid);

        Twilio.Requests.Select(r => r.Operation).Should().BeEquivalentTo(
            [TwilioOperation.FetchAccount, TwilioOperation.ListIncomingPhoneNumbers, TwilioOperation.AttachPhoneNumber, TwilioOperation.AttachPhoneNumber]);
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().AllSatisfy(r =>
        {
            r.Path.Should().Be($"/v1/Trunks/{trunkSid}/PhoneNumbers");
            r.AuthUser.Should().Be(provider.Account.Sid);
            r.Form.Keys.Should().Equal("PhoneNumberSid");
        });
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Select(r => r.Form["PhoneNumberSid"]).Should().BeEquivalentTo([a.Sid, b.Sid]);

        using var read = await ClientFor().GetAsync($"/api/v1/phone-numbers/{imported[1].GetProperty("id").GetGuid()}");
        var number = await ReadJsonAsync(read);
        number.GetProperty("providerId").GetGuid().Should().Be(id);
        number.GetProperty("providerType").GetString().Should().Be("twilio");
        number.GetProperty("friendlyName").GetString().Should().Be("Support line");
        using var providerResponse = await GetProviderAsync(id);
        (await ReadJsonAsync(providerResponse)).GetProperty("phoneNumberCount").GetInt32().Should().Be(2);
        await AssertSecretsNotLeakedAsync([provider.Account.AuthToken], provider.Account.Sid, body);
    }

    [Fact]
    public async Task A_rename_and_a_rotation_answer_with_the_count_of_imported_numbers()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var a = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var b = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550102");
        await ImportAllAsync(id, a.Sid, b.Sid);
        var newToken = NewToken();
        Twilio.SetAuthToken(provider.Account.Sid, newToken);

        using var renamed = await UpdateAsync(id, new { name = "Renamed" });
        using var rotated = await RotateAsync(id, new { authToken = newToken });

        renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        (await ReadJsonAsync(renamed)).GetProperty("phoneNumberCount").GetInt32().Should().Be(2);
        rotated.StatusCode.Should().Be(HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync());
        (await ReadJsonAsync(rotated)).GetProperty("phoneNumberCount").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task A_mixed_batch_imports_what_it_can_and_says_why_for_each_other_number()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var ours = Twilio.Trunks.Single().Sid;
        var fresh = Twilio.AddIncomingPhoneNumber(account.Sid, "+14155550101");
        var importedBefore = Twilio.AddIncomingPhoneNumber(account.Sid, "+14155550102");
        var importedByOther = Twilio.AddIncomingPhoneNumber(account.Sid, "+14155550103");
        var onOtherTrunk = Twilio.AddIncomingPhoneNumber(account.Sid, "+14155550104");
        var failing = Twilio.AddIncomingPhoneNumber(account.Sid, "+14155550105");
        var alreadyOnOurTrunk = Twilio.AddIncomingPhoneNumber(account.Sid, "+14155550106");
        await ImportAllAsync(id, importedBefore.Sid);
        var other = await NewProvider(OrgB).ForAccount(account).ConnectAsync();
        await ImportAllAsync(OrgB, other, importedByOther.Sid);
        var foreignTrunk = await TwilioConsoleAsync(account, HttpMethod.Post, "/v1/Trunks", new Dictionary<string, string> { ["FriendlyName"] = "Someone else's" });
        await TwilioConsoleAsync(account, HttpMethod.Post, $"/v1/Trunks/{foreignTrunk.GetProperty("sid").GetString()}/PhoneNumbers",
            new Dictionary<string, string> { ["PhoneNumberSid"] = onOtherTrunk.Sid });
        await TwilioConsoleAsync(account, HttpMethod.Post, $"/v1/Trunks/{ours}/PhoneNumbers",
            new Dictionary<string, string> { ["PhoneNumberSid"] = alreadyOnOurTrunk.Sid });
        Twilio.EnqueueFaults(TwilioOperation.AttachPhoneNumber, EmulatedFault.Http(500));
        var batch = new[] { UnknownSid, importedBefore.Sid, importedByOther.Sid, onOtherTrunk.Sid, failing.Sid, alreadyOnOurTrunk.Sid };

        using var response = await ImportNumbersAsync(id, batch);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var result = JsonDocument.Parse(body).RootElement;
        result.GetProperty("successCount").GetInt32().Should().Be(1);
        result.GetProperty("failedCount").GetInt32().Should().Be(5);
        result.GetProperty("imported").EnumerateArray().Single().GetProperty("phoneNumberSid").GetString().Should().Be(alreadyOnOurTrunk.Sid,
            "a number already on our trunk counts as attached");
        result.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("phoneNumberSid").GetString(), e.GetProperty("code").GetString()))
            .Should().Equal(
                (UnknownSid, "not_found"),
                (importedBefore.Sid, "already_imported"),
                (importedByOther.Sid, "imported_elsewhere"),
                (onOtherTrunk.Sid, "attached_to_other_trunk"),
                (failing.Sid, "trunk_attachment_failed"));
        body.Should().NotContain(OrgB).And.NotContain(other.ToString(), "imported_elsewhere reveals nothing about the other provider");
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().ContainSingle("only the free number was attached; the 500 was not retried")
            .Which.Form["PhoneNumberSid"].Should().Be(failing.Sid);
        Twilio.RequestsFor(TwilioOperation.FetchIncomingPhoneNumber).Should().ContainSingle("after an unclear failure the number is looked up, not re-created");
        Twilio.PhoneNumbers.Single(n => n.Sid == failing.Sid).TrunkSid.Should().BeNull();
        Twilio.PhoneNumbers.Single(n => n.Sid == fresh.Sid).TrunkSid.Should().BeNull("it was not in the batch");
        (await Database.CountImportedNumbersAsync()).Should().Be(3);
        await AssertSecretsNotLeakedAsync([account.AuthToken], account.Sid, body);
    }

    [Fact]
    public async Task A_number_removed_can_be_imported_again()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var firstId = (await ImportAllAsync(id, number.Sid)).Single();
        using (var removed = await RemoveNumberAsync(id, firstId))
        {
            removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using var response = await ImportNumbersAsync(id, [number.Sid]);

        var result = await ReadJsonAsync(response);
        result.GetProperty("successCount").GetInt32().Should().Be(1);
        result.GetProperty("imported")[0].GetProperty("id").GetGuid().Should().NotBe(firstId);
        Twilio.PhoneNumbers.Single().TrunkSid.Should().Be(Twilio.Trunks.Single().Sid);
    }

    [Fact]
    public async Task Other_modules_hear_about_the_imported_numbers_after_the_commit()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");

        using var response = await ImportNumbersAsync(id, [number.Sid]);

        var newId = (await ReadJsonAsync(response)).GetProperty("imported")[0].GetProperty("id").GetGuid();
        var imported = (await Agents.WaitForEventAsync<PhoneNumbersImported>()).Should().ContainSingle().Subject;
        imported.OrganizationId.Should().Be(OrgA);
        imported.ProviderId.Should().Be(id);
        imported.PhoneNumbers.Should().Equal(new PhoneNumberReference(OrgA, newId, id, number.Sid, "+14155550101"));
    }

    [Fact]
    public async Task When_the_commit_fails_the_numbers_attached_by_the_request_are_detached_again()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var a = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var b = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550102");
        await Database.ExecuteAsync("""
            CREATE FUNCTION voip_providers.test_refuse_imports() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'test: the database refuses the commit'; END $$;
            CREATE TRIGGER test_refuse_imports BEFORE INSERT ON voip_providers.imported_phone_numbers
            FOR EACH ROW EXECUTE FUNCTION voip_providers.test_refuse_imports();
            """);
        try
        {
            using var response = await ImportNumbersAsync(id, [a.Sid, b.Sid]);

            response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            (await Database.CountImportedNumbersAsync()).Should().Be(0);
            Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().HaveCount(2);
            Twilio.RequestsFor(TwilioOperation.DetachPhoneNumber).Select(r => r.ResponseStatus).Should().Equal(204, 204);
            Twilio.PhoneNumbers.Should().OnlyContain(n => n.TrunkSid == null);
            (await Database.CountIntegrationEventsAsync(nameof(PhoneNumbersImported))).Should().Be(0, "nothing was committed, so nothing is announced");
            Agents.Events.OfType<PhoneNumbersImported>().Should().BeEmpty("nothing was committed, so nothing is announced");
            await AssertSecretsNotLeakedAsync([provider.Account.AuthToken], provider.Account.Sid, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await Database.ExecuteAsync("""
                DROP TRIGGER IF EXISTS test_refuse_imports ON voip_providers.imported_phone_numbers;
                DROP FUNCTION IF EXISTS voip_providers.test_refuse_imports();
                """);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_concurrent_imports_overlapping_on_one_number_fail_only_that_number_in_the_one_that_comes_second(bool otherOrganization)
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        // The same provider again, or another organization's provider of the same Twilio account.
        var (secondOrganization, secondId) = otherOrganization
            ? (OrgB, await NewProvider(OrgB).ForAccount(provider.Account).ConnectAsync())
            : (OrgA, id);
        var firstOnly = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var shared = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550102");
        var secondOnly = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550103");
        var firstTrunk = await TrunkOfAsync(id, OrgA);
        var secondTrunk = await TrunkOfAsync(secondId, secondOrganization);
        Fixture.ImportGate.HoldAt(PhoneNumberImportPoint.Claimed);

        // The first import has claimed its numbers and not attached any yet when the second one looks.
        var first = ImportNumbersAsync(id, [firstOnly.Sid, shared.Sid]);
        await Fixture.ImportGate.Reached(PhoneNumberImportPoint.Claimed).WaitAsync(TimeSpan.FromSeconds(30));
        using (var second = await ImportNumbersAsync(secondId, [shared.Sid, secondOnly.Sid], secondOrganization))
        {
            var body = await second.Content.ReadAsStringAsync();
            second.StatusCode.Should().Be(HttpStatusCode.OK, body);
            var result = JsonDocument.Parse(body).RootElement;
            result.GetProperty("imported").EnumerateArray().Select(i => i.GetProperty("phoneNumberSid").GetString()).Should().Equal(secondOnly.Sid);
            result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("phoneNumberSid").GetString(), e.GetProperty("code").GetString()))
                .Should().Equal((shared.Sid, otherOrganization ? "imported_elsewhere" : "already_imported"));
            body.Should().NotContain(id.ToString(), "the answer reveals nothing about the other import");
        }

        Fixture.ImportGate.Release(PhoneNumberImportPoint.Claimed);
        using var firstResponse = await first;

        firstResponse.StatusCode.Should().Be(HttpStatusCode.OK, await firstResponse.Content.ReadAsStringAsync());
        var firstResult = await ReadJsonAsync(firstResponse);
        firstResult.GetProperty("imported").EnumerateArray().Select(i => i.GetProperty("phoneNumberSid").GetString()).Should().Equal(firstOnly.Sid, shared.Sid);
        firstResult.GetProperty("failedCount").GetInt32().Should().Be(0);
        (await Database.CountImportedNumbersAsync()).Should().Be(3, "each number is recorded once");
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Select(r => (r.Path, r.Form["PhoneNumberSid"], r.ResponseStatus)).Should().BeEquivalentTo(
        [
            ($"/v1/Trunks/{firstTrunk}/PhoneNumbers", firstOnly.Sid, 201),
            ($"/v1/Trunks/{firstTrunk}/PhoneNumbers", shared.Sid, 201),
            ($"/v1/Trunks/{secondTrunk}/PhoneNumbers", secondOnly.Sid, 201),
        ]);
        Twilio.PhoneNumbers.Single(n => n.Sid == shared.Sid).TrunkSid.Should().Be(firstTrunk);
        Twilio.RequestsFor(TwilioOperation.DetachPhoneNumber).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_imports_that_both_found_a_number_free_claim_it_once_and_the_loser_fails_only_that_number()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        var firstOnly = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var shared = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550102");
        var secondOnly = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550103");

        // The first import looks (nobody holds the numbers) and is held before it claims; the second one then looks
        // too, claims and is held before it attaches. The first one's claim of the shared number then loses to the
        // second's, it looks again, and claims only the rest.
        Fixture.ImportGate.HoldAt(PhoneNumberImportPoint.Looked);
        var first = ImportNumbersAsync(id, [firstOnly.Sid, shared.Sid]);
        await Fixture.ImportGate.Reached(PhoneNumberImportPoint.Looked).WaitAsync(TimeSpan.FromSeconds(30));
        Fixture.ImportGate.HoldAt(PhoneNumberImportPoint.Claimed);
        var second = ImportNumbersAsync(id, [shared.Sid, secondOnly.Sid]);
        await Fixture.ImportGate.Reached(PhoneNumberImportPoint.Claimed).WaitAsync(TimeSpan.FromSeconds(30));

        Fixture.ImportGate.Release(PhoneNumberImportPoint.Looked);
        using (var firstResponse = await first)
        {
            var body = await firstResponse.Content.ReadAsStringAsync();
            firstResponse.StatusCode.Should().Be(HttpStatusCode.OK, body);
            var result = JsonDocument.Parse(body).RootElement;
            result.GetProperty("imported").EnumerateArray().Select(i => i.GetProperty("phoneNumberSid").GetString()).Should().Equal(firstOnly.Sid);
            result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("phoneNumberSid").GetString(), e.GetProperty("code").GetString()))
                .Should().Equal((shared.Sid, "already_imported"));
        }

        Fixture.ImportGate.Release(PhoneNumberImportPoint.Claimed);
        using var secondResponse = await second;

        secondResponse.StatusCode.Should().Be(HttpStatusCode.OK, await secondResponse.Content.ReadAsStringAsync());
        (await ReadJsonAsync(secondResponse)).GetProperty("imported").EnumerateArray().Select(i => i.GetProperty("phoneNumberSid").GetString())
            .Should().Equal(shared.Sid, secondOnly.Sid);
        (await Database.CountImportedNumbersAsync()).Should().Be(3);
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Select(r => r.Form["PhoneNumberSid"]).Should().BeEquivalentTo([firstOnly.Sid, shared.Sid, secondOnly.Sid]);
        Twilio.PhoneNumbers.Should().OnlyContain(n => n.TrunkSid == trunkSid);
    }

    [Fact]
    public async Task A_number_of_another_account_is_not_found_even_when_another_organization_imported_it()
    {
        var owner = NewProvider(OrgA);
        var ownerId = await owner.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(owner.Account.Sid, "+14155550101");
        await ImportAllAsync(OrgA, ownerId, number.Sid);
        var prying = await NewProvider(OrgB).ConnectAsync();

        using var response = await ImportNumbersAsync(prying, [number.Sid], OrgB);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("phoneNumberSid").GetString(), e.GetProperty("code").GetString()))
            .Should().Equal([(number.Sid, "not_found")], "whether a number is imported anywhere is told only about the caller's own account's numbers");
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().BeEmpty();
        (await Database.CountImportedNumbersAsync()).Should().Be(1);
    }

    private async Task<string> TrunkOfAsync(Guid providerId, string organizationId)
    {
        using var response = await GetTwilioProviderAsync(providerId, organizationId);
        return (await ReadJsonAsync(response)).GetProperty("trunkSid").GetString()!;
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"phoneNumberSids":[]}""", "phoneNumberSids" },
        { "{}", "phoneNumberSids" },
        { """{"phoneNumberSids":["PN0123456789abcdef0123456789abcdef","PN0123456789ABCDEF0123456789ABCDEF"]}""", "phoneNumberSids[1]" },
        { """{"phoneNumberSids":["AC0123456789abcdef0123456789abcdef"]}""", "phoneNumberSids[0]" },
        { """{"phoneNumberSids":"PN0123456789abcdef0123456789abcdef"}""", "phoneNumberSids" },
        { $$"""{"phoneNumberSids":[{{string.Join(',', Enumerable.Range(0, 1001).Select(i => $"\"PN{i:x32}\""))}}]}""", "phoneNumberSids" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Bad_input_answers_400_naming_the_field_and_calls_nobody(string json, string field)
    {
        var id = await ConnectAsync();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/import-numbers", content);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(body);
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_thousand_numbers_may_be_imported_at_once()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var sids = Enumerable.Range(0, 1000)
            .Select(i => Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+1415" + (5_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).Sid)
            .ToList();

        using var response = await ImportNumbersAsync(id, sids);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(response)).GetProperty("successCount").GetInt32().Should().Be(1000);
        (await Database.CountImportedNumbersAsync()).Should().Be(1000);
    }

    [Fact]
    public async Task Another_organizations_provider_answers_404_and_nothing_is_attached()
    {
        var provider = NewProvider(OrgA);
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");

        using var response = await ImportNumbersAsync(id, [number.Sid], OrgB);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
    }

    public static TheoryData<string, int, Action<TwilioEmulatorState, EmulatedAccount>> AccountFailures => new()
    {
        { "twilio_credentials_rejected", 422, (twilio, account) => twilio.SetAuthToken(account.Sid, "fedcba9876543210fedcba9876543210") },
        { "twilio_account_not_active", 422, (twilio, account) => twilio.SetAccountStatus(account.Sid, EmulatedAccountStatus.Suspended) },
        { "twilio_unavailable", 502, (twilio, _) => twilio.EnqueueFaults(TwilioOperation.ListIncomingPhoneNumbers, [.. Enumerable.Repeat(EmulatedFault.Http(503), VoipProvidersApiFactory.MaxRetryAttempts + 1)]) },
        { "twilio_rate_limited", 503, (twilio, _) => twilio.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.RateLimited(retryAfter: "30")) },
    };

    [Theory]
    [MemberData(nameof(AccountFailures))]
    public async Task When_Twilio_refuses_or_fails_the_account_as_a_whole_the_request_fails_and_nothing_is_recorded(
        string code,
        int status,
        Action<TwilioEmulatorState, EmulatedAccount> arrange)
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        arrange(Twilio, provider.Account);

        using var response = await ImportNumbersAsync(id, [number.Sid]);

        ((int)response.StatusCode).Should().Be(status);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be(code);
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().BeEmpty();
    }
}
