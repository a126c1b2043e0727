using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Accounts.V1;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Trunking.V1;
using ApiCredentialListResource = Twilio.Rest.Api.V2010.Account.Sip.CredentialListResource;

namespace VoipProviders.TwilioEmulator.Tests;

/// <summary>
/// The account's Auth Tokens (accounts v1 /v1/AuthTokens/Secondary and /v1/AuthTokens/Promote) through the real SDK, checked
/// against twilio-oai accounts.v1.secondary_auth_token and accounts.v1.auth_token_promotion (copied here; tests never read
/// ../shared). The error cases (409/20409, 404/20404) are the emulator's choices; Twilio does not document them.
/// </summary>
public sealed class AuthTokenContractTests : EmulatorTestBase
{
    private const string SeededSecondary = "5eed0000111122223333444455556666";
    private const string WrongToken = "0123456789abcdef0123456789abcdef";
    private const string SecondaryUrl = "https://accounts.twilio.com/v1/AuthTokens/Secondary";
    private const string PromoteUrl = "https://accounts.twilio.com/v1/AuthTokens/Promote";

    private static readonly string[] SecondaryAuthTokenKeys = ["account_sid", "date_created", "date_updated", "secondary_auth_token", "url"];

    private static readonly string[] AuthTokenPromotionKeys = ["account_sid", "auth_token", "date_created", "date_updated", "url"];

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);

    protected override TwilioEmulatorOptions CreateOptions() => new() { TimeProvider = _clock };

    [Fact]
    public async Task Create_returns_a_new_32_hex_token_that_then_authenticates()
    {
        var created = await SecondaryAuthTokenResource.CreateAsync(client: Client());

        created.AccountSid.Should().Be(Account.Sid);
        created.SecondaryAuthToken.Should().MatchRegex("^[0-9a-f]{32}$").And.NotBe(Account.AuthToken);
        created.DateCreated.Should().Be(Start.UtcDateTime);
        created.DateUpdated.Should().Be(Start.UtcDateTime);
        created.Url.Should().Be(new Uri(SecondaryUrl));
        State.GetSecondaryAuthToken(Account.Sid).Should().Be(created.SecondaryAuthToken);
        State.GetAuthToken(Account.Sid).Should().Be(Account.AuthToken, "creating a secondary leaves the primary alone");

        var account = await AccountResource.FetchAsync(client: Client(authToken: created.SecondaryAuthToken));

        account.Sid.Should().Be(Account.Sid);
        account.AuthToken.Should().Be(Account.AuthToken, "the v2010 account shows the primary, whichever token asked");
        State.RequestsFor(TwilioOperation.FetchAccount).Single().AuthTokenUsed.Should().Be(EmulatedAuthTokenKind.Secondary);
    }

    [Fact]
    public async Task Both_tokens_authenticate_every_endpoint_until_the_promotion()
    {
        var secondary = (await SecondaryAuthTokenResource.CreateAsync(client: Client())).SecondaryAuthToken;
        State.ClearRequests();

        foreach (var token in new[] { Account.AuthToken, secondary })
        {
            var client = Client(authToken: token);
            (await AccountResource.FetchAsync(client: client)).Sid.Should().Be(Account.Sid);
            (await TrunkResource.ReadAsync(client: client)).Should().BeEmpty();
            (await ApiCredentialListResource.CreateAsync($"list-{token[..6]}", client: client)).AccountSid.Should().Be(Account.Sid);
            var again = () => SecondaryAuthTokenResource.CreateAsync(client: client);
            (await again.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(409, "the accounts routes accept the token too");
        }

        State.Requests.Should().OnlyContain(r => r.Authenticated && r.AuthUser == Account.Sid);
        State.Requests.Select(r => r.AuthTokenUsed).Should().Equal(
            Enumerable.Repeat<EmulatedAuthTokenKind?>(EmulatedAuthTokenKind.Primary, 4)
                .Concat(Enumerable.Repeat<EmulatedAuthTokenKind?>(EmulatedAuthTokenKind.Secondary, 4)));
    }

    [Fact]
    public async Task Promote_makes_the_secondary_the_primary_and_the_old_primary_fails_at_once()
    {
        var oldClient = Client();
        var secondary = (await SecondaryAuthTokenResource.CreateAsync(client: oldClient)).SecondaryAuthToken;
        _clock.Advance(TimeSpan.FromMinutes(5));

        var promoted = await AuthTokenPromotionResource.UpdateAsync(client: oldClient);

        promoted.AccountSid.Should().Be(Account.Sid);
        promoted.AuthToken.Should().Be(secondary);
        promoted.DateCreated.Should().Be(Start.UtcDateTime, "the promoted token was created with the secondary");
        promoted.DateUpdated.Should().Be(Start.AddMinutes(5).UtcDateTime);
        promoted.Url.Should().Be(new Uri(PromoteUrl));
        State.GetAuthToken(Account.Sid).Should().Be(secondary);
        State.GetSecondaryAuthToken(Account.Sid).Should().BeNull("the account has no secondary any more");
        State.Accounts.Single().DateUpdated.Should().Be(Start.AddMinutes(5));

        var fetchWithOld = () => AccountResource.FetchAsync(client: oldClient);
        var fetchError = (await fetchWithOld.Should().ThrowAsync<ApiException>()).Which;
        fetchError.Status.Should().Be(401);
        fetchError.Code.Should().Be(20003);
        var trunksWithOld = () => TrunkResource.ReadAsync(client: oldClient);
        var trunkError = (await trunksWithOld.Should().ThrowAsync<ApiException>()).Which;
        trunkError.Status.Should().Be(401);
        trunkError.Code.Should().Be(20003);
        var createWithOld = () => SecondaryAuthTokenResource.CreateAsync(client: oldClient);
        (await createWithOld.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20003);

        var newClient = Client(authToken: secondary);
        (await AccountResource.FetchAsync(client: newClient)).AuthToken.Should().Be(secondary);
        (await TrunkResource.ReadAsync(client: newClient)).Should().BeEmpty();
        State.RequestsFor(TwilioOperation.FetchAccount).Select(r => (r.Authenticated, r.AuthTokenUsed, r.ResponseStatus)).Should().Equal(
            (false, (EmulatedAuthTokenKind?)null, 401),
            (true, EmulatedAuthTokenKind.Primary, 200));
    }

    [Fact]
    public async Task Promote_may_be_asked_for_with_the_secondary_itself()
    {
        State.SetSecondaryAuthToken(Account.Sid, SeededSecondary);
        var secondaryClient = Client(authToken: SeededSecondary);

        var promoted = await AuthTokenPromotionResource.UpdateAsync(client: secondaryClient);

        promoted.AuthToken.Should().Be(SeededSecondary);
        State.RequestsFor(TwilioOperation.PromoteAuthToken).Single().AuthTokenUsed.Should().Be(EmulatedAuthTokenKind.Secondary);
        (await AccountResource.FetchAsync(client: secondaryClient)).Sid.Should().Be(Account.Sid);
        State.RequestsFor(TwilioOperation.FetchAccount).Single().AuthTokenUsed.Should().Be(EmulatedAuthTokenKind.Primary);
    }

    [Fact]
    public async Task Create_when_a_secondary_exists_is_409_20409_and_changes_nothing()
    {
        var client = Client();
        var first = await SecondaryAuthTokenResource.CreateAsync(client: client);

        var again = () => SecondaryAuthTokenResource.CreateAsync(client: client);

        var error = (await again.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(409);
        error.Code.Should().Be(20409);
        error.Message.Should().Be("A secondary Auth Token already exists for this account.");
        error.MoreInfo.Should().Be("https://www.twilio.com/docs/errors/20409");
        State.GetSecondaryAuthToken(Account.Sid).Should().Be(first.SecondaryAuthToken);
        State.GetAuthToken(Account.Sid).Should().Be(Account.AuthToken);
        State.RequestsFor(TwilioOperation.CreateSecondaryAuthToken).Select(r => r.ResponseStatus).Should().Equal(201, 409);
    }

    [Fact]
    public async Task A_secondary_seeded_by_the_test_authenticates_blocks_a_create_and_can_be_promoted()
    {
        State.SetSecondaryAuthToken(Account.Sid, SeededSecondary);

        (await AccountResource.FetchAsync(client: Client(authToken: SeededSecondary))).Sid.Should().Be(Account.Sid);
        var create = () => SecondaryAuthTokenResource.CreateAsync(client: Client());
        (await create.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20409);
        (await AuthTokenPromotionResource.UpdateAsync(client: Client())).AuthToken.Should().Be(SeededSecondary);

        State.GetAuthToken(Account.Sid).Should().Be(SeededSecondary);
    }

    [Fact]
    public async Task Delete_without_a_secondary_is_404_20404()
    {
        var act = () => SecondaryAuthTokenResource.DeleteAsync(client: Client());

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        error.Message.Should().Be("The requested resource /v1/AuthTokens/Secondary was not found");
    }

    [Fact]
    public async Task Promote_without_a_secondary_is_404_20404_and_changes_nothing()
    {
        var before = State.Accounts.Single();

        var act = () => AuthTokenPromotionResource.UpdateAsync(client: Client());

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(404);
        error.Code.Should().Be(20404);
        State.Accounts.Single().Should().Be(before);
        (await AccountResource.FetchAsync(client: Client())).Sid.Should().Be(Account.Sid, "the primary still works");
    }

    [Fact]
    public async Task Delete_removes_the_secondary_and_it_stops_authenticating()
    {
        var client = Client();
        var secondary = (await SecondaryAuthTokenResource.CreateAsync(client: client)).SecondaryAuthToken;

        (await SecondaryAuthTokenResource.DeleteAsync(client: client)).Should().BeTrue();

        State.GetSecondaryAuthToken(Account.Sid).Should().BeNull();
        State.RequestsFor(TwilioOperation.DeleteSecondaryAuthToken).Single().ResponseStatus.Should().Be(204);
        var withDeleted = () => AccountResource.FetchAsync(client: Client(authToken: secondary));
        var error = (await withDeleted.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(401);
        error.Code.Should().Be(20003);
        (await AccountResource.FetchAsync(client: client)).Sid.Should().Be(Account.Sid, "the primary is untouched");
        var deleteAgain = () => SecondaryAuthTokenResource.DeleteAsync(client: client);
        (await deleteAgain.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20404);
        (await SecondaryAuthTokenResource.CreateAsync(client: client)).SecondaryAuthToken.Should().NotBe(secondary, "every create makes a new token");
    }

    [Theory]
    [InlineData(TwilioOperation.CreateSecondaryAuthToken)]
    [InlineData(TwilioOperation.DeleteSecondaryAuthToken)]
    [InlineData(TwilioOperation.PromoteAuthToken)]
    public async Task Wrong_token_or_suspended_account_gets_401_20003_and_changes_nothing(TwilioOperation operation)
    {
        State.SetSecondaryAuthToken(Account.Sid, SeededSecondary);
        var suspended = State.AddAccount("Suspended", EmulatedAccountStatus.Suspended);
        State.SetSecondaryAuthToken(suspended.Sid, "abababababababababababababababab");
        var before = State.Accounts;

        var wrongToken = () => Call(operation, Client(authToken: WrongToken));
        var whileSuspended = () => Call(operation, Client(suspended));

        var wrong = (await wrongToken.Should().ThrowAsync<ApiException>()).Which;
        wrong.Status.Should().Be(401);
        wrong.Code.Should().Be(20003);
        (await whileSuspended.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20003);
        State.Accounts.Should().Equal(before);
        State.RequestsFor(operation).Select(r => (r.AuthUser, r.Authenticated, r.AuthTokenUsed)).Should().Equal(
            (Account.Sid, false, (EmulatedAuthTokenKind?)null),
            (suspended.Sid, false, EmulatedAuthTokenKind.Primary));
    }

    [Fact]
    public async Task Tokens_belong_to_their_account_only()
    {
        var other = State.AddAccount("Other");
        State.SetSecondaryAuthToken(other.Sid, SeededSecondary);
        State.SetSecondaryAuthToken(Account.Sid, "abababababababababababababababab");

        var promoted = await AuthTokenPromotionResource.UpdateAsync(client: Client(other));
        var crossed = () => AccountResource.FetchAsync(client: Client(authToken: SeededSecondary));

        promoted.AccountSid.Should().Be(other.Sid);
        State.GetAuthToken(other.Sid).Should().Be(SeededSecondary);
        State.GetAuthToken(Account.Sid).Should().Be(Account.AuthToken);
        State.GetSecondaryAuthToken(Account.Sid).Should().Be("abababababababababababababababab");
        (await crossed.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20003, "another account's token is no token of this one");
    }

    [Fact]
    public async Task Raw_json_has_exactly_the_oai_schema_properties_and_errors_have_twilios_shape()
    {
        var http = RawClient();

        using var created = await http.PostAsync(new Uri("v1/AuthTokens/Secondary", UriKind.Relative), null);
        using var conflict = await http.PostAsync(new Uri("v1/AuthTokens/Secondary", UriKind.Relative), null);
        using var promoted = await http.PostAsync(new Uri("v1/AuthTokens/Promote", UriKind.Relative), null);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var createdJson = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Keys(createdJson.RootElement).Should().BeEquivalentTo(SecondaryAuthTokenKeys);
        createdJson.RootElement.GetProperty("date_created").GetString().Should().Be("2026-03-02T09:30:00Z");
        createdJson.RootElement.GetProperty("url").GetString().Should().Be(SecondaryUrl);
        var secondary = createdJson.RootElement.GetProperty("secondary_auth_token").GetString()!;
        conflict.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await conflict.Content.ReadAsStringAsync()).Should().Be(
            """{"code":20409,"message":"A secondary Auth Token already exists for this account.","more_info":"https://www.twilio.com/docs/errors/20409","status":409}""");
        promoted.StatusCode.Should().Be(HttpStatusCode.OK);
        using var promotedJson = JsonDocument.Parse(await promoted.Content.ReadAsStringAsync());
        Keys(promotedJson.RootElement).Should().BeEquivalentTo(AuthTokenPromotionKeys);
        promotedJson.RootElement.GetProperty("auth_token").GetString().Should().Be(secondary);
        promotedJson.RootElement.GetProperty("date_updated").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$");
        promotedJson.RootElement.GetProperty("url").GetString().Should().Be(PromoteUrl);

        var promotedHttp = RawClient(Account with { AuthToken = secondary });
        using var createdAgain = await promotedHttp.PostAsync(new Uri("v1/AuthTokens/Secondary", UriKind.Relative), null);
        using var deleted = await promotedHttp.DeleteAsync(new Uri("v1/AuthTokens/Secondary", UriKind.Relative));
        using var missing = await promotedHttp.DeleteAsync(new Uri("v1/AuthTokens/Secondary", UriKind.Relative));
        using var notReadable = await promotedHttp.GetAsync(new Uri("v1/AuthTokens/Secondary", UriKind.Relative));

        createdAgain.StatusCode.Should().Be(HttpStatusCode.Created);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await deleted.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var missingJson = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Keys(missingJson.RootElement).Should().BeEquivalentTo(["code", "message", "more_info", "status"]);
        missingJson.RootElement.GetProperty("code").GetInt32().Should().Be(20404);
        notReadable.StatusCode.Should().Be(HttpStatusCode.NotFound, "a secondary token is shown once, at its creation");
        State.RequestsFor(TwilioOperation.Unknown).Should().ContainSingle();
    }

    [Fact]
    public async Task AppliedThenFailed_on_promote_really_promotes()
    {
        var oldClient = Client();
        var secondary = (await SecondaryAuthTokenResource.CreateAsync(client: oldClient)).SecondaryAuthToken;
        State.EnqueueFaults(TwilioOperation.PromoteAuthToken, EmulatedFault.AppliedThenFailed(500));

        var act = () => AuthTokenPromotionResource.UpdateAsync(client: oldClient);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(500);
        error.Code.Should().Be(20500);
        State.GetAuthToken(Account.Sid).Should().Be(secondary);
        State.GetSecondaryAuthToken(Account.Sid).Should().BeNull();
        var withOld = () => AccountResource.FetchAsync(client: oldClient);
        (await withOld.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(401);
        var retry = () => AuthTokenPromotionResource.UpdateAsync(client: Client(authToken: secondary));
        (await retry.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(404, "a blind retry finds nothing left to promote");
        var log = State.RequestsFor(TwilioOperation.PromoteAuthToken);
        log.Select(r => (r.ResponseStatus, r.Authenticated, r.AuthTokenUsed)).Should().Equal(
            (500, true, (EmulatedAuthTokenKind?)EmulatedAuthTokenKind.Primary),
            (404, true, EmulatedAuthTokenKind.Primary));
        log[0].Fault.Should().Be(EmulatedFault.AppliedThenFailed(500));
    }

    [Fact]
    public async Task AppliedThenFailed_on_create_leaves_a_secondary_the_client_never_saw()
    {
        State.EnqueueFaults(TwilioOperation.CreateSecondaryAuthToken, EmulatedFault.AppliedThenFailed(502));
        var client = Client();

        var act = () => SecondaryAuthTokenResource.CreateAsync(client: client);

        (await act.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(502);
        State.GetSecondaryAuthToken(Account.Sid).Should().MatchRegex("^[0-9a-f]{32}$");
        var retry = () => SecondaryAuthTokenResource.CreateAsync(client: client);
        (await retry.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(20409, "a blind retry of an ambiguous create collides with itself");
    }

    [Fact]
    public async Task AppliedThenFailed_on_delete_deletes()
    {
        State.SetSecondaryAuthToken(Account.Sid, SeededSecondary);
        State.EnqueueFaults(TwilioOperation.DeleteSecondaryAuthToken, EmulatedFault.AppliedThenFailed(503));
        var client = Client();

        var act = () => SecondaryAuthTokenResource.DeleteAsync(client: client);

        (await act.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(503);
        State.GetSecondaryAuthToken(Account.Sid).Should().BeNull();
        var retry = () => SecondaryAuthTokenResource.DeleteAsync(client: client);
        (await retry.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(404);
    }

    [Theory]
    [InlineData(TwilioOperation.CreateSecondaryAuthToken)]
    [InlineData(TwilioOperation.DeleteSecondaryAuthToken)]
    [InlineData(TwilioOperation.PromoteAuthToken)]
    public async Task Edge_faults_fail_the_operation_before_anything_changes(TwilioOperation operation)
    {
        if (operation != TwilioOperation.CreateSecondaryAuthToken)
        {
            State.SetSecondaryAuthToken(Account.Sid, SeededSecondary);
        }

        State.EnqueueFaults(
            operation,
            EmulatedFault.Http(503),
            EmulatedFault.RateLimited("1"),
            EmulatedFault.ConnectionReset(),
            EmulatedFault.Timeout(TimeSpan.FromSeconds(30)));
        State.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.Http(500));
        var before = State.Accounts.Single();
        var client = Client();

        var unavailable = () => Call(operation, client);
        var limited = () => Call(operation, client);
        var reset = () => Call(operation, client);
        var timedOut = () => Call(operation, Client(timeout: TimeSpan.FromMilliseconds(300)));

        var unavailableError = (await unavailable.Should().ThrowAsync<ApiException>()).Which;
        unavailableError.Status.Should().Be(503);
        unavailableError.Code.Should().Be(20503);
        var limitedError = (await limited.Should().ThrowAsync<ApiException>()).Which;
        limitedError.Status.Should().Be(429);
        limitedError.Code.Should().Be(20429);
        await reset.Should().ThrowAsync<ApiConnectionException>();
        await timedOut.Should().ThrowAsync<ApiConnectionException>();
        State.Accounts.Single().Should().Be(before);
        State.PendingFaults(operation).Should().Be(0);
        State.PendingFaults(TwilioOperation.FetchAccount).Should().Be(1, "faults are consumed only by their own operation");
        var log = State.RequestsFor(operation);
        log.Select(r => r.ResponseStatus).Should().Equal(503, 429, 0, 504);
        log.Should().OnlyContain(r => r.Fault != null && r.AuthUser == Account.Sid && r.AuthTokenUsed == EmulatedAuthTokenKind.Primary);

        await Call(operation, client);

        State.RequestsFor(operation)[^1].ResponseStatus.Should().BeInRange(200, 204);
    }

    [Theory]
    [InlineData(TwilioOperation.CreateSecondaryAuthToken)]
    [InlineData(TwilioOperation.DeleteSecondaryAuthToken)]
    [InlineData(TwilioOperation.PromoteAuthToken)]
    public async Task Latency_delays_the_operation(TwilioOperation operation)
    {
        if (operation != TwilioOperation.CreateSecondaryAuthToken)
        {
            State.SetSecondaryAuthToken(Account.Sid, SeededSecondary);
        }

        State.SetLatency(operation, TimeSpan.FromMilliseconds(250));
        var stopwatch = Stopwatch.StartNew();

        await Call(operation, Client());

        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(240));
    }

    [Fact]
    public async Task Request_log_records_operation_account_and_the_token_used()
    {
        var oldClient = Client();
        var secondary = (await SecondaryAuthTokenResource.CreateAsync(client: oldClient)).SecondaryAuthToken;
        var newClient = Client(authToken: secondary);
        await AuthTokenPromotionResource.UpdateAsync(client: newClient);
        var deleteNone = () => SecondaryAuthTokenResource.DeleteAsync(client: newClient);
        await deleteNone.Should().ThrowAsync<ApiException>();
        var stale = () => SecondaryAuthTokenResource.CreateAsync(client: oldClient);
        await stale.Should().ThrowAsync<ApiException>();
        await SecondaryAuthTokenResource.CreateAsync(client: Client(authToken: secondary, region: "ie1", edge: "dublin"));

        State.Requests.Select(r => (r.Operation, r.Method, r.Path, r.AuthUser, r.Authenticated, r.AuthTokenUsed, r.ResponseStatus)).Should().Equal(
            (TwilioOperation.CreateSecondaryAuthToken, "POST", "/v1/AuthTokens/Secondary", Account.Sid, true, (EmulatedAuthTokenKind?)EmulatedAuthTokenKind.Primary, 201),
            (TwilioOperation.PromoteAuthToken, "POST", "/v1/AuthTokens/Promote", Account.Sid, true, EmulatedAuthTokenKind.Secondary, 200),
            (TwilioOperation.DeleteSecondaryAuthToken, "DELETE", "/v1/AuthTokens/Secondary", Account.Sid, true, EmulatedAuthTokenKind.Primary, 404),
            (TwilioOperation.CreateSecondaryAuthToken, "POST", "/v1/AuthTokens/Secondary", Account.Sid, false, null, 401),
            (TwilioOperation.CreateSecondaryAuthToken, "POST", "/v1/AuthTokens/Secondary", Account.Sid, true, EmulatedAuthTokenKind.Primary, 201));
        State.Requests.Select(r => r.OriginalHost).Should().Equal(
            "accounts.twilio.com", "accounts.twilio.com", "accounts.twilio.com", "accounts.twilio.com", "accounts.dublin.ie1.twilio.com");
        State.Requests.Should().OnlyContain(r => r.UserAgent!.StartsWith("twilio-csharp/8.2.0", StringComparison.Ordinal) && r.Fault == null);
    }

    [Fact]
    public async Task The_sdks_SuppressEmailNotification_is_accepted_and_recorded()
    {
        State.SetSecondaryAuthToken(Account.Sid, SeededSecondary);

        await SecondaryAuthTokenResource.DeleteAsync(new DeleteSecondaryAuthTokenOptions { SuppressEmailNotification = true }, Client());
        await SecondaryAuthTokenResource.CreateAsync(suppressEmailNotification: true, client: Client());
        await AuthTokenPromotionResource.UpdateAsync(suppressEmailNotification: false, client: Client());

        State.Requests.Select(r => r.ResponseStatus).Should().Equal(204, 201, 200);
        State.Requests[0].Query.Should().Be("?SuppressEmailNotification=true", "the SDK sends a DELETE's parameters in the query");
        State.Requests.Skip(1).Select(r => r.Form.GetValueOrDefault("SuppressEmailNotification")).Should().Equal("true", "false");
    }

    [Fact]
    public void State_api_reads_and_seeds_the_tokens()
    {
        State.GetSecondaryAuthToken(Account.Sid).Should().BeNull();

        State.SetSecondaryAuthToken(Account.Sid, SeededSecondary);

        State.GetSecondaryAuthToken(Account.Sid).Should().Be(SeededSecondary);
        State.Accounts.Single().Should().BeEquivalentTo(new { SecondaryAuthToken = SeededSecondary, SecondaryAuthTokenDateCreated = Start, DateUpdated = Start });
        FluentActions.Invoking(() => State.SetSecondaryAuthToken(Account.Sid, Account.AuthToken)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => State.SetSecondaryAuthToken(Account.Sid, " ")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => State.SetSecondaryAuthToken("AC" + new string('0', 32), SeededSecondary)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => State.GetAuthToken("AC" + new string('0', 32))).Should().Throw<ArgumentException>();
        State.GetSecondaryAuthToken(Account.Sid).Should().Be(SeededSecondary, "a refused change changes nothing");

        State.SetSecondaryAuthToken(Account.Sid, null);

        State.GetSecondaryAuthToken(Account.Sid).Should().BeNull();
        State.Accounts.Single().SecondaryAuthTokenDateCreated.Should().BeNull();
    }

    [Fact]
    public void Setting_the_primary_to_the_secondary_is_a_promotion_done_elsewhere()
    {
        State.SetSecondaryAuthToken(Account.Sid, SeededSecondary);

        State.SetAuthToken(Account.Sid, SeededSecondary);

        State.GetAuthToken(Account.Sid).Should().Be(SeededSecondary);
        State.GetSecondaryAuthToken(Account.Sid).Should().BeNull();

        State.SetSecondaryAuthToken(Account.Sid, "abababababababababababababababab");
        State.SetAuthToken(Account.Sid, "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd");

        State.GetSecondaryAuthToken(Account.Sid).Should().Be("abababababababababababababababab", "a console rotation of the primary keeps the secondary");
    }

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static Task Call(TwilioOperation operation, TwilioRestClient client) => operation switch
    {
        TwilioOperation.CreateSecondaryAuthToken => SecondaryAuthTokenResource.CreateAsync(client: client),
        TwilioOperation.DeleteSecondaryAuthToken => SecondaryAuthTokenResource.DeleteAsync(client: client),
        TwilioOperation.PromoteAuthToken => AuthTokenPromotionResource.UpdateAsync(client: client),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an Auth Token operation."),
    };
}
