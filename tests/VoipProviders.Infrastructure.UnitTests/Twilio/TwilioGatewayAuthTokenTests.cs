using System.Net;
using System.Text;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>
/// The account's Auth Token operations of the adapter (accounts.twilio.com/v1/AuthTokens/Secondary and /Promote) through the
/// real Twilio SDK: requests sent, answers read, which failures are retried, and that no token ends up in a failure.
/// Twilio's answers are scripted with the shapes and error codes the Twilio emulator uses (see its README).
/// </summary>
public sealed class TwilioGatewayAuthTokenTests
{
    private const string SecondaryUrl = "https://accounts.twilio.com/v1/AuthTokens/Secondary";
    private const string PromoteUrl = "https://accounts.twilio.com/v1/AuthTokens/Promote";
    private const string NewToken = "fedcba9876543210fedcba9876543210";

    private readonly TwilioTestHarness _twilio = new();

    private static string SecondaryJson(string token) =>
        $$"""{"account_sid":"{{TwilioTestHarness.AccountSid}}","date_created":"2026-03-02T09:30:00Z","date_updated":"2026-03-02T09:30:00Z","secondary_auth_token":"{{token}}","url":"{{SecondaryUrl}}"}""";

    private static string PromotionJson(string token) =>
        $$"""{"account_sid":"{{TwilioTestHarness.AccountSid}}","auth_token":"{{token}}","date_created":"2026-03-02T09:30:00Z","date_updated":"2026-03-02T09:35:00Z","url":"{{PromoteUrl}}"}""";

    private static HttpResponseMessage SecondaryExists() => ScriptedTwilioHandler.Json(
        HttpStatusCode.Conflict,
        """{"code":20409,"message":"A secondary Auth Token already exists for this account.","more_info":"https://www.twilio.com/docs/errors/20409","status":409}""");

    [Fact]
    public async Task CreateSecondaryAuthToken_posts_to_accounts_with_the_credential_pair_and_returns_the_token()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.Created, SecondaryJson(NewToken)));

        var token = await _twilio.Gateway.CreateSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        token.Reveal().Should().Be(NewToken);
        token.ToString().Should().Be(TwilioAuthToken.Redacted);
        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri!.AbsoluteUri.Should().Be(SecondaryUrl);
        Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization!.Parameter!))
            .Should().Be($"{TwilioTestHarness.AccountSid}:{TwilioTestHarness.AuthToken}");
    }

    [Fact]
    public async Task CreateSecondaryAuthToken_answered_409_is_a_secondary_exists_failure_and_is_not_retried()
    {
        _twilio.Handler.Default = _ => SecondaryExists();

        var act = () => _twilio.Gateway.CreateSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<TwilioSecondaryAuthTokenExistsException>()).Which;
        failure.HttpStatus.Should().Be(409);
        failure.TwilioErrorCode.Should().Be(20409);
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task CreateSecondaryAuthToken_failing_with_500_is_not_retried_and_its_outcome_is_unknown()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.InternalServerError, 20500);

        var act = () => _twilio.Gateway.CreateSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which;
        failure.OutcomeUnknown.Should().BeTrue("Twilio may have created the secondary before failing");
        failure.HttpStatus.Should().Be(500);
        _twilio.Handler.Requests.Should().ContainSingle("a second create could only collide with the first (409)");
    }

    [Fact]
    public async Task CreateSecondaryAuthToken_answered_429_is_retried_because_Twilio_never_processed_it()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.TooManyRequests, 20429, retryAfter: "0"));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.Created, SecondaryJson(NewToken)));

        var token = await _twilio.Gateway.CreateSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        token.Reveal().Should().Be(NewToken);
        _twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task CreateSecondaryAuthToken_answered_without_a_well_formed_token_is_unavailable_with_an_unknown_outcome()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.Json(HttpStatusCode.Created, SecondaryJson("FEDCBA9876543210FEDCBA987654321"));

        var act = () => _twilio.Gateway.CreateSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which;
        failure.OutcomeUnknown.Should().BeTrue();
        failure.ToString().Should().NotContain("FEDCBA9876543210FEDCBA987654321");
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task DeleteSecondaryAuthToken_deletes_on_accounts()
    {
        _twilio.Handler.Enqueue(_ => new HttpResponseMessage(HttpStatusCode.NoContent));

        await _twilio.Gateway.DeleteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Delete);
        request.RequestUri!.AbsoluteUri.Should().Be(SecondaryUrl);
    }

    [Fact]
    public async Task DeleteSecondaryAuthToken_of_none_counts_as_deleted()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404);

        var act = () => _twilio.Gateway.DeleteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        await act.Should().NotThrowAsync();
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task DeleteSecondaryAuthToken_is_retried_on_503_because_deleting_twice_is_harmless()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503));
        _twilio.Handler.Enqueue(_ => new HttpResponseMessage(HttpStatusCode.NoContent));

        await _twilio.Gateway.DeleteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        _twilio.Handler.Requests.Select(r => r.Method).Should().Equal(HttpMethod.Delete, HttpMethod.Delete);
    }

    [Fact]
    public async Task DeleteSecondaryAuthToken_whose_first_attempt_worked_but_failed_counts_as_deleted_on_the_retry()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.InternalServerError, 20500));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404));

        await _twilio.Gateway.DeleteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        _twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task PromoteSecondaryAuthToken_posts_to_accounts()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, PromotionJson(NewToken)));

        await _twilio.Gateway.PromoteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri!.AbsoluteUri.Should().Be(PromoteUrl);
    }

    [Fact]
    public async Task PromoteSecondaryAuthToken_without_a_secondary_is_not_found_and_not_retried()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404);

        var act = () => _twilio.Gateway.PromoteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioResourceNotFoundException>()).Which.TwilioErrorCode.Should().Be(20404);
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task PromoteSecondaryAuthToken_failing_with_500_is_not_retried_and_its_outcome_is_unknown()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.InternalServerError, 20500);

        var act = () => _twilio.Gateway.PromoteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.OutcomeUnknown.Should().BeTrue();
        _twilio.Handler.Requests.Should().ContainSingle("a repeated promotion would find no secondary (404) if the first one happened");
    }

    [Fact]
    public async Task PromoteSecondaryAuthToken_answered_429_is_retried()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.TooManyRequests, 20429, retryAfter: "0"));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, PromotionJson(NewToken)));

        await _twilio.Gateway.PromoteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        _twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task PromoteSecondaryAuthToken_with_a_rejected_primary_is_a_credentials_rejection()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.Unauthorized, 20003);

        var act = () => _twilio.Gateway.PromoteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which.TwilioErrorCode.Should().Be(20003);
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData("create", HttpStatusCode.Conflict)]
    [InlineData("create", HttpStatusCode.InternalServerError)]
    [InlineData("create", HttpStatusCode.Unauthorized)]
    [InlineData("create", HttpStatusCode.TooManyRequests)]
    [InlineData("create-unreadable", HttpStatusCode.Created)]
    [InlineData("create-malformed", HttpStatusCode.Created)]
    [InlineData("delete", HttpStatusCode.ServiceUnavailable)]
    [InlineData("delete", HttpStatusCode.Forbidden)]
    [InlineData("promote", HttpStatusCode.NotFound)]
    [InlineData("promote", HttpStatusCode.InternalServerError)]
    [InlineData("promote-unreadable", HttpStatusCode.OK)]
    public async Task No_Auth_Token_ever_appears_in_a_failure(string call, HttpStatusCode status)
    {
        _twilio.Handler.Default = _ => call switch
        {
            "create-unreadable" => ScriptedTwilioHandler.Json(status, SecondaryJson(NewToken).Replace("\"2026-03-02T09:30:00Z\"", "[1,2]", StringComparison.Ordinal)),
            "create-malformed" => ScriptedTwilioHandler.Json(status, SecondaryJson(NewToken + "0")),
            "promote-unreadable" => ScriptedTwilioHandler.Json(status, PromotionJson(NewToken).Replace("\"2026-03-02T09:30:00Z\"", "[1,2]", StringComparison.Ordinal)),
            _ when status == HttpStatusCode.Conflict => SecondaryExists(),
            _ => ScriptedTwilioHandler.TwilioError(status, 20000 + (int)status, retryAfter: status == HttpStatusCode.TooManyRequests ? "0" : null),
        };
        Func<Task> act = call switch
        {
            "delete" => () => _twilio.Gateway.DeleteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None),
            "promote" or "promote-unreadable" => () => _twilio.Gateway.PromoteSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None),
            _ => () => _twilio.Gateway.CreateSecondaryAuthTokenAsync(TwilioTestHarness.Credentials, CancellationToken.None),
        };

        var failure = (await act.Should().ThrowAsync<TwilioGatewayException>()).Which;

        var text = failure.ToString() + failure.Summary + failure.Detail;
        text.Should().NotContain(TwilioTestHarness.AuthToken).And.NotContain(NewToken);
    }
}
