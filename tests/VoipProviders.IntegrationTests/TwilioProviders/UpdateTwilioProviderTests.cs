using System.Net;
using System.Text;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

public sealed class UpdateTwilioProviderTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_new_name_is_stored_without_calling_Twilio_and_the_trunk_keeps_its_name()
    {
        var id = await NewProvider().Named("Before").ConnectAsync();
        var trunkNameBefore = Twilio.Trunks.Single().FriendlyName;

        using var response = await UpdateAsync(id, new { name = "After (EU)" });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var provider = JsonDocument.Parse(body).RootElement;
        provider.GetProperty("name").GetString().Should().Be("After (EU)");
        provider.GetProperty("updatedAt").GetString().Should().NotBe(provider.GetProperty("createdAt").GetString());
        (await Database.ColumnAsync(id, "name")).Should().Be("After (EU)");
        Twilio.Requests.Should().BeEmpty("the name is ours alone");
        Twilio.Trunks.Single().FriendlyName.Should().Be(trunkNameBefore);
        using var read = await GetTwilioProviderAsync(id);
        (await read.Content.ReadAsStringAsync()).Should().Be(body, "GET answers what PUT returned");
    }

    [Fact]
    public async Task A_new_region_recomputes_the_termination_uri_without_calling_Twilio()
    {
        var id = await NewProvider().InRegion("us1").ConnectAsync();
        var domain = Twilio.Trunks.Single().DomainName!;

        using var response = await UpdateAsync(id, new { region = "de1" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var provider = await ReadJsonAsync(response);
        provider.GetProperty("region").GetString().Should().Be("de1");
        provider.GetProperty("terminationUri").GetString().Should().Be($"sip:{domain[..domain.IndexOf('.', StringComparison.Ordinal)]}.pstn.frankfurt.twilio.com");
        (await Database.ColumnAsync(id, "termination_uri")).Should().Be(provider.GetProperty("terminationUri").GetString());
        Twilio.Requests.Should().BeEmpty();
        Twilio.Trunks.Single().DomainName.Should().Be(domain, "the trunk itself does not change");
    }

    [Theory]
    [InlineData(true, "enable-all")]
    [InlineData(false, "disable-all")]
    public async Task Call_transfer_is_applied_to_the_trunk_in_Twilio_first_with_the_stored_credentials(bool enabled, string transferMode)
    {
        var connected = NewProvider().WithCallTransfer(!enabled);
        var id = await connected.ConnectAsync();
        var trunk = Twilio.Trunks.Single();

        using var response = await UpdateAsync(id, new { supportsCallTransfer = enabled });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("supportsCallTransfer").GetBoolean().Should().Be(enabled);
        (await Database.ColumnAsync(id, "supports_call_transfer")).Should().Be(enabled ? "true" : "false");
        Twilio.Requests.Select(r => r.Operation).Should().Equal(TwilioOperation.FetchAccount, TwilioOperation.UpdateTrunk);
        Twilio.Requests.Should().AllSatisfy(r =>
        {
            r.AuthUser.Should().Be(connected.Account.Sid);
            r.Authenticated.Should().BeTrue();
        });
        var update = Twilio.RequestsFor(TwilioOperation.UpdateTrunk).Single();
        update.Path.Should().Be($"/v1/Trunks/{trunk.Sid}");
        update.Form.Should().Equal(new Dictionary<string, string> { ["TransferMode"] = transferMode });
        Twilio.Trunks.Single().TransferMode.Should().Be(transferMode);
        await AssertSecretsNotLeakedAsync([connected.Account.AuthToken], connected.Account.Sid, body);
    }

    [Fact]
    public async Task Several_fields_change_together_in_one_version()
    {
        var id = await NewProvider().Named("Old").InRegion("us1").ConnectAsync();
        var versionBefore = await Database.ColumnAsync(id, "version");

        using var response = await UpdateAsync(id, new { name = "New", region = "sg1", supportsCallTransfer = true });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var provider = await ReadJsonAsync(response);
        provider.GetProperty("name").GetString().Should().Be("New");
        provider.GetProperty("region").GetString().Should().Be("sg1");
        provider.GetProperty("supportsCallTransfer").GetBoolean().Should().BeTrue();
        Twilio.RequestsFor(TwilioOperation.UpdateTrunk).Should().ContainSingle();
        (await Database.ColumnAsync(id, "version")).Should().NotBe(versionBefore);
    }

    [Fact]
    public async Task Values_equal_to_the_current_ones_change_nothing_and_call_nobody()
    {
        var id = await NewProvider().Named("Same").InRegion("ie1").WithCallTransfer().ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);

        using var response = await UpdateAsync(id, new { name = "Same", region = "ie1", supportsCallTransfer = true });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Twilio.Requests.Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, "the row was not even written");
    }

    public static TheoryData<string, int, string, Action<TwilioEmulatorState, EmulatedAccount>> TwilioFailures => new()
    {
        { "twilio_credentials_rejected", 422, "the tenant rotated the token in the Twilio Console", (twilio, account) => twilio.SetAuthToken(account.Sid, "fedcba9876543210fedcba9876543210") },
        { "twilio_account_not_active", 422, "the account was suspended", (twilio, account) => twilio.SetAccountStatus(account.Sid, EmulatedAccountStatus.Suspended) },
        { "twilio_unavailable", 502, "Twilio keeps failing", (twilio, _) => twilio.EnqueueFaults(TwilioOperation.UpdateTrunk, [.. Enumerable.Repeat(EmulatedFault.Http(500), VoipProvidersApiFactory.MaxRetryAttempts + 1)]) },
        { "twilio_rate_limited", 503, "Twilio asks for a longer wait than we hold a request for", (twilio, _) => twilio.EnqueueFaults(TwilioOperation.UpdateTrunk, EmulatedFault.RateLimited(retryAfter: "30")) },
        { "twilio_request_failed", 502, "Twilio refuses the request", (twilio, _) => twilio.EnqueueFaults(TwilioOperation.UpdateTrunk, EmulatedFault.Http(400, 21201, "Invalid parameter")) },
    };

    [Theory]
    [MemberData(nameof(TwilioFailures))]
    public async Task When_Twilio_does_not_accept_the_change_nothing_is_stored_not_even_the_other_fields(
        string code,
        int status,
        string because,
        Action<TwilioEmulatorState, EmulatedAccount> arrange)
    {
        var connected = NewProvider().Named("Unchanged");
        var id = await connected.ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);
        arrange(Twilio, connected.Account);

        using var response = await UpdateAsync(id, new { name = "Changed", supportsCallTransfer = true });
        var body = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().Be(status, because + ": " + body);
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().Should().Be(code);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, because);
        if (status == 503)
        {
            response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task A_trunk_deleted_in_the_Twilio_Console_answers_422_twilio_trunk_missing_and_the_row_is_unchanged()
    {
        var connected = NewProvider();
        var id = await connected.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        await DeleteInTwilioConsoleAsync(connected.Account, $"/v1/Trunks/{trunkSid}");
        var before = await Database.ProviderRowSnapshotAsync(id);

        using var response = await UpdateAsync(id, new { supportsCallTransfer = true });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("twilio_trunk_missing");
        problem.GetProperty("trunkSid").GetString().Should().Be(trunkSid);
        Twilio.RequestsFor(TwilioOperation.UpdateTrunk).Should().ContainSingle("a 404 is never retried")
            .Which.ResponseStatus.Should().Be(404);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task Two_concurrent_changes_one_wins_the_other_answers_409_and_the_trunk_matches_what_is_stored()
    {
        var id = await NewProvider().WithCallTransfer(false).ConnectAsync();
        Twilio.SetBarrier(TwilioOperation.UpdateTrunk, parties: 2, timeout: BarrierTimeout);

        var responses = await Task.WhenAll(
            UpdateAsync(id, new { supportsCallTransfer = true, name = "First" }),
            UpdateAsync(id, new { supportsCallTransfer = true, name = "Second" }));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        (await ReadJsonAsync(loser)).GetProperty("code").GetString().Should().Be("concurrent_update");
        var winner = await ReadJsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
        (await Database.ColumnAsync(id, "name")).Should().Be(winner.GetProperty("name").GetString());
        (await Database.ColumnAsync(id, "supports_call_transfer")).Should().Be("true");
        Twilio.Trunks.Single().TransferMode.Should().Be("enable-all", "the loser's compensation follows the stored provider, not the old value");
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"accountSid":"AC0123456789abcdef0123456789abcdef"}""", "accountSid" },
        { """{"authToken":"0123456789abcdef0123456789abcdef"}""", "authToken" },
        { """{"name":"New","authToken":"0123456789abcdef0123456789abcdef"}""", "authToken" },
        { """{"trunkSid":"TK0123456789abcdef0123456789abcdef"}""", "trunkSid" },
        { "{}", "body" },
        { """{"name":null}""", "body" },
        { "", "body" },
        { "[]", "body" },
        { """{"name":""}""", "name" },
        { """{"name":"   "}""", "name" },
        { """{"name":"Line\nbreak"}""", "name" },
        { $$"""{"name":"{{new string('n', 101)}}"}""", "name" },
        { """{"region":"eu1"}""", "region" },
        { """{"region":"IE1"}""", "region" },
        { """{"supportsCallTransfer":"yes"}""", "supportsCallTransfer" },
        { """{"name":42}""", "name" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Bad_input_answers_400_naming_the_field_calls_nobody_and_changes_nothing(string json, string field)
    {
        var id = await ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await ClientFor().PutAsync($"{TwilioProvidersPath}/{id}", content);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().Should().Be("validation_failed");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(body);
        body.Should().NotContain("0123456789abcdef0123456789abcdef", "a rejected value is never echoed");
        Twilio.Requests.Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task The_400_for_accountSid_and_authToken_says_what_to_do_instead()
    {
        var id = await ConnectAsync();

        using var response = await UpdateAsync(id, new { accountSid = "AC0123456789abcdef0123456789abcdef", authToken = "0123456789abcdef0123456789abcdef" });

        var errors = (await ReadJsonAsync(response)).GetProperty("errors");
        errors.GetProperty("accountSid")[0].GetString().Should().Contain("cannot change");
        errors.GetProperty("authToken")[0].GetString().Should().Contain("/auth-token");
    }

    [Fact]
    public async Task Another_organizations_provider_answers_404_and_is_not_touched()
    {
        var id = await NewProvider(OrgA).Named("Mine").ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);

        using var response = await UpdateAsync(id, new { name = "Hijacked", supportsCallTransfer = true }, OrgB);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("not_found");
        Twilio.Requests.Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_before_calling_Twilio_and_changes_nothing()
    {
        var id = await ConnectAsync();
        var stale = await ETagOfAsync(id);
        using (var first = await UpdateAsync(id, new { name = "Changed by someone else" }))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var before = await Database.ProviderRowSnapshotAsync(id);

        using var response = await UpdateAsync(id, new { name = "Mine", supportsCallTransfer = true }, ifMatch: stale);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("precondition_failed");
        Twilio.Requests.Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task The_current_ETag_or_a_star_in_If_Match_lets_the_change_through()
    {
        var id = await ConnectAsync();

        using var withCurrent = await UpdateAsync(id, new { name = "One" }, ifMatch: await ETagOfAsync(id));
        using var withStar = await UpdateAsync(id, new { name = "Two" }, ifMatch: "*");
        using var withList = await UpdateAsync(id, new { name = "Three" }, ifMatch: $"\"{Guid.NewGuid():N}-1\", {await ETagOfAsync(id)}");

        withCurrent.StatusCode.Should().Be(HttpStatusCode.OK);
        withStar.StatusCode.Should().Be(HttpStatusCode.OK);
        withList.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Database.ColumnAsync(id, "name")).Should().Be("Three");
    }

    [Theory]
    [InlineData("weak")]
    [InlineData("other-resource")]
    public async Task A_weak_ETag_or_one_of_another_provider_never_matches(string kind)
    {
        var id = await ConnectAsync();
        var other = await ConnectAsync();
        var current = await ETagOfAsync(id);
        var ifMatch = kind == "weak" ? "W/" + current : await ETagOfAsync(other);

        using var response = await UpdateAsync(id, new { name = "Changed" }, ifMatch: ifMatch);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task A_malformed_If_Match_answers_400_naming_the_header()
    {
        var id = await ConnectAsync();

        using var response = await UpdateAsync(id, new { name = "Changed" }, ifMatch: "not-an-etag");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("If-Match", out _).Should().BeTrue();
    }
}
