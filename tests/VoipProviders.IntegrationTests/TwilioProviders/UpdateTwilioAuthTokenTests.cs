using System.Net;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

public sealed class UpdateTwilioAuthTokenTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Rotation_validates_the_new_token_with_Twilio_then_stores_it_encrypted()
    {
        var connected = NewProvider();
        var id = await connected.ConnectAsync();
        var account = connected.Account;
        var trunkSid = await Database.ColumnAsync(id, "trunk_sid");
        var rotatedAtBefore = await Database.ColumnAsync(id, "auth_token_updated_at");
        var newToken = NewToken();
        Twilio.SetAuthToken(account.Sid, newToken); // the tenant rotated it in the Twilio Console

        using var response = await RotateAsync(id, new { authToken = newToken });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var provider = System.Text.Json.JsonDocument.Parse(body).RootElement;
        provider.GetProperty("id").GetGuid().Should().Be(id);
        provider.GetProperty("accountSid").GetString().Should().Be(account.Sid);
        provider.GetProperty("trunkSid").GetString().Should().Be(trunkSid);
        var call = Twilio.Requests.Should().ContainSingle().Subject;
        call.Operation.Should().Be(TwilioOperation.FetchAccount);
        call.Path.Should().Be($"/2010-04-01/Accounts/{account.Sid}.json");
        call.AuthUser.Should().Be(account.Sid);
        call.Authenticated.Should().BeTrue("the emulator only accepts the new token now");

        UnprotectAuthToken(id, (await Database.ColumnAsync(id, "auth_token_protected"))!).Should().Be(newToken);
        (await Database.ColumnAsync(id, "auth_token_updated_at")).Should().NotBe(rotatedAtBefore);
        await AssertSecretsNotLeakedAsync([account.AuthToken, newToken], account.Sid, body);
    }

    [Fact]
    public async Task No_database_transaction_is_open_while_Twilio_validates_the_token()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        Twilio.SetLatency(TwilioOperation.FetchAccount, TimeSpan.FromSeconds(1));

        var rotation = RotateAsync(id, new { authToken = account.AuthToken });
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (Twilio.RequestsFor(TwilioOperation.FetchAccount).Count == 0)
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        var openWhileTwilioWorks = await Database.TransactionsHeldOnProvidersAsync();
        using var response = await rotation;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        openWhileTwilioWorks.Should().Be(0, "the row is read, the connection released, and only the commit opens a transaction");
    }

    [Fact]
    public async Task A_token_Twilio_rejects_answers_422_after_one_call_and_leaves_the_row_untouched()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var before = await Database.ProviderRowSnapshotAsync(id);
        var wrongToken = NewToken();

        using var response = await RotateAsync(id, new { authToken = wrongToken });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, body);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().Should().Be("twilio_credentials_rejected");
        problem.GetProperty("twilioErrorCode").GetInt32().Should().Be(20003);
        Twilio.Requests.Should().ContainSingle("a 401 is never retried").Which.ResponseStatus.Should().Be(401);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
        UnprotectAuthToken(id, (await Database.ColumnAsync(id, "auth_token_protected"))!).Should().Be(account.AuthToken);
        await AssertSecretsNotLeakedAsync([account.AuthToken, wrongToken], account.Sid, body);
    }

    [Fact]
    public async Task Rotation_for_a_suspended_account_answers_422_and_leaves_the_row_untouched()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var before = await Database.ProviderRowSnapshotAsync(id);
        Twilio.SetAccountStatus(account.Sid, EmulatedAccountStatus.Suspended);

        using var response = await RotateAsync(id, new { authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("twilio_account_not_active");
        problem.GetProperty("accountStatus").GetString().Should().Be("suspended");
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"authToken":"0123456789ABCDEF0123456789ABCDEF"}""", "authToken" },
        { """{"authToken":"0123456789abcdef"}""", "authToken" },
        { """{"authToken":""}""", "authToken" },
        { "{}", "authToken" },
        { """{"authToken":["0123456789abcdef0123456789abcdef"]}""", "authToken" },
        { """{"authToken":""", "authToken" },
        { "null", "body" },
        { """["0123456789abcdef0123456789abcdef"]""", "body" },
        { "", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Bad_input_answers_400_naming_the_field_and_leaves_the_row_untouched(string json, string field)
    {
        var id = await ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await ClientFor().PatchAsync($"{TwilioProvidersPath}/{id}/auth-token", content);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(body);
        body.Should().NotContain("0123456789ABCDEF", "a rejected value is never echoed");
        Twilio.Requests.Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_answers_415_problem_and_leaves_the_row_untouched()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var before = await Database.ProviderRowSnapshotAsync(id);
        using var content = new StringContent(account.AuthToken, System.Text.Encoding.UTF8, "text/plain");

        using var response = await ClientFor().PatchAsync($"{TwilioProvidersPath}/{id}/auth-token", content);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        body.Should().NotContain(account.AuthToken);
        Twilio.Requests.Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task Rotation_of_another_organizations_provider_answers_404_without_calling_Twilio()
    {
        var provider = NewProvider(OrgA);
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var before = await Database.ProviderRowSnapshotAsync(id);

        using var response = await RotateAsync(id, new { authToken = account.AuthToken }, OrgB);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("not_found");
        Twilio.Requests.Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task Rotation_of_an_unknown_provider_answers_404()
    {
        using var response = await RotateAsync(Guid.NewGuid(), new { authToken = NewToken() });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Transient_5xx_are_retried_until_Twilio_answers()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.Http(503), EmulatedFault.Http(503));

        using var response = await RotateAsync(id, new { authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Select(r => r.ResponseStatus).Should().Equal(503, 503, 200);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_Twilio_sent()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.RateLimited(retryAfter: "1"));

        using var response = await RotateAsync(id, new { authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var calls = Twilio.RequestsFor(TwilioOperation.FetchAccount);
        calls.Select(r => r.ResponseStatus).Should().Equal(429, 200);
        (calls[1].ReceivedAt - calls[0].ReceivedAt).Should().BeGreaterThanOrEqualTo(
            TimeSpan.FromMilliseconds(950),
            "the backoff alone is at most 50 ms here, so only Retry-After explains the wait");
    }

    [Fact]
    public async Task Twilio_failing_beyond_the_retries_answers_502_and_leaves_the_row_untouched()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var before = await Database.ProviderRowSnapshotAsync(id);
        Twilio.EnqueueFaults(
            TwilioOperation.FetchAccount,
            [.. Enumerable.Repeat(EmulatedFault.Http(500), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);

        using var response = await RotateAsync(id, new { authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("twilio_unavailable");
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().HaveCount(VoipProvidersApiFactory.MaxRetryAttempts + 1);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task An_unreachable_Twilio_answers_502_after_retries()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var before = await Database.ProviderRowSnapshotAsync(id);
        Twilio.EnqueueFaults(
            TwilioOperation.FetchAccount,
            [.. Enumerable.Repeat(EmulatedFault.ConnectionReset(), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);

        using var response = await RotateAsync(id, new { authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().HaveCount(VoipProvidersApiFactory.MaxRetryAttempts + 1);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task A_Twilio_that_does_not_answer_in_time_answers_502_within_the_total_timeout()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var before = await Database.ProviderRowSnapshotAsync(id);
        Twilio.SetLatency(TwilioOperation.FetchAccount, TimeSpan.FromSeconds(30));
        var started = TimeProvider.System.GetTimestamp();

        using var response = await RotateAsync(id, new { authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        TimeProvider.System.GetElapsedTime(started).Should().BeLessThan(
            VoipProvidersApiFactory.TotalTimeout + TimeSpan.FromSeconds(3), "the total timeout bounds the whole call");
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Count.Should().BeGreaterThan(1, "a timed-out read is retried");
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task Rate_limiting_beyond_the_retries_answers_503_with_Retry_After_and_leaves_the_row_untouched()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var before = await Database.ProviderRowSnapshotAsync(id);
        Twilio.EnqueueFaults(
            TwilioOperation.FetchAccount,
            [.. Enumerable.Repeat(EmulatedFault.RateLimited(), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);

        using var response = await RotateAsync(id, new { authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1), "Twilio gave none, so the configured default applies");
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("twilio_rate_limited");
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_we_wait_is_passed_on_at_once()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.RateLimited(retryAfter: "120"));

        using var response = await RotateAsync(id, new { authToken = account.AuthToken });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(120));
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().ContainSingle();
    }

    [Fact]
    public async Task Repeated_outages_open_the_circuit_and_later_calls_answer_503_without_reaching_Twilio()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var before = await Database.ProviderRowSnapshotAsync(id);
        await Fixture.ResetCircuitAsync(); // count only this test's failures
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, [.. Enumerable.Repeat(EmulatedFault.Http(503), 20)]);

        using (var first = await RotateAsync(id, new { authToken = account.AuthToken }))
        {
            first.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        }

        using (var second = await RotateAsync(id, new { authToken = account.AuthToken }))
        {
            second.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the breaker opened during this call");
        }

        var callsSoFar = Twilio.Requests.Count;
        callsSoFar.Should().Be(VoipProvidersApiFactory.CircuitMinimumThroughput);

        using var third = await RotateAsync(id, new { authToken = account.AuthToken });

        third.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        third.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await ReadJsonAsync(third)).GetProperty("code").GetString().Should().Be("twilio_circuit_open");
        Twilio.Requests.Should().HaveCount(callsSoFar, "an open circuit does not call Twilio");
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task Parallel_rotations_of_one_provider_give_one_200_and_409s_for_the_rest()
    {
        const int parallel = 4;
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var account = provider.Account;
        var newToken = NewToken();
        Twilio.SetAuthToken(account.Sid, newToken);
        // Hold every validation call until all rotations have read the row: only the row version decides.
        Twilio.SetBarrier(TwilioOperation.FetchAccount, parallel, BarrierTimeout);

        var responses = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => RotateAsync(id, new { authToken = newToken })));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        statuses.Count(s => s == HttpStatusCode.OK).Should().Be(1);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            (await ReadJsonAsync(conflict)).GetProperty("code").GetString().Should().Be("concurrent_update");
        }

        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().HaveCount(parallel);
        UnprotectAuthToken(id, (await Database.ColumnAsync(id, "auth_token_protected"))!).Should().Be(newToken);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_without_calling_Twilio_and_leaves_the_row_untouched()
    {
        var connected = NewProvider();
        var id = await connected.ConnectAsync();
        var stale = await ETagOfAsync(id);
        using (var rename = await UpdateAsync(id, new { name = "Renamed meanwhile" }))
        {
            rename.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var before = await Database.ProviderRowSnapshotAsync(id);

        using var response = await RotateAsync(id, new { authToken = connected.Account.AuthToken }, ifMatch: stale);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("precondition_failed");
        Twilio.Requests.Should().BeEmpty();
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
    }

    [Fact]
    public async Task The_current_ETag_in_If_Match_lets_the_rotation_through_and_the_answer_carries_the_new_ETag()
    {
        var connected = NewProvider();
        var id = await connected.ConnectAsync();
        var current = await ETagOfAsync(id);

        using var response = await RotateAsync(id, new { authToken = connected.Account.AuthToken }, ifMatch: current);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag!.ToString().Should().NotBe(current);
        (await ETagOfAsync(id)).Should().Be(response.Headers.ETag.ToString());
    }
}
