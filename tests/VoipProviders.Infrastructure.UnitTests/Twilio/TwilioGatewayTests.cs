using System.Net;
using System.Text;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>The adapter through the real Twilio SDK: requests it sends and how Twilio's answers become typed errors.</summary>
public sealed class TwilioGatewayTests
{
    private readonly TwilioTestHarness _twilio = new();

    [Fact]
    public async Task GetActiveAccount_sends_Basic_auth_for_the_credential_pair_and_returns_the_active_account()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, TwilioTestHarness.AccountJson()));

        var account = await _twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        account.Should().Be(new TwilioAccount(TwilioTestHarness.AccountSid, "Acme", "active"));
        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Get);
        request.RequestUri.Should().Be(new Uri($"https://api.twilio.com/2010-04-01/Accounts/{TwilioTestHarness.AccountSid}.json"));
        request.Headers.Authorization!.Scheme.Should().Be("Basic");
        Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!))
            .Should().Be($"{TwilioTestHarness.AccountSid}:{TwilioTestHarness.AuthToken}");
    }

    [Theory]
    [InlineData("suspended")]
    [InlineData("closed")]
    public async Task GetActiveAccount_answers_not_active_for_a_suspended_or_closed_account(string status)
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, TwilioTestHarness.AccountJson(status)));

        var act = () => _twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioAccountNotActiveException>()).Which.AccountStatus.Should().Be(status);
        _twilio.Handler.Requests.Should().ContainSingle("a valid answer is not retried");
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, 20003)]
    [InlineData(HttpStatusCode.NotFound, 20404)]
    public async Task GetActiveAccount_rejected_by_Twilio_is_a_credentials_rejection_and_is_not_retried(HttpStatusCode status, int code)
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(status, code);

        var act = () => _twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which.TwilioErrorCode.Should().Be(code);
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Reads_are_retried_on_5xx_until_they_succeed()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.InternalServerError, 20500));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, TwilioTestHarness.AccountJson()));

        var account = await _twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        account.IsActive.Should().BeTrue();
        _twilio.Handler.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_read_failing_beyond_the_retries_is_unavailable()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.BadGateway, 20502);

        var act = () => _twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which;
        failure.HttpStatus.Should().Be(502);
        failure.OutcomeUnknown.Should().BeFalse("a failed read changed nothing");
        _twilio.Handler.Requests.Should().HaveCount(_twilio.Options.Resilience.MaxRetryAttempts + 1);
    }

    [Fact]
    public async Task A_create_failing_with_5xx_is_not_retried_and_its_outcome_is_unknown()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.InternalServerError, 20500);

        var act = () => _twilio.Gateway.CreateTrunkAsync(
            TwilioTestHarness.Credentials, new CreateTwilioTrunkRequest("Trunk", "vp-1.pstn.twilio.com", TransferEnabled: true), CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.OutcomeUnknown.Should().BeTrue();
        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri!.AbsoluteUri.Should().Be("https://trunking.twilio.com/v1/Trunks");
    }

    [Fact]
    public async Task A_create_sends_Twilios_form_fields()
    {
        string? form = null;
        _twilio.Handler.Enqueue(async (request, cancellationToken) =>
        {
            form = await request.Content!.ReadAsStringAsync(cancellationToken);
            return ScriptedTwilioHandler.Json(HttpStatusCode.Created, """{"sid":"TK0123456789abcdef0123456789abcdef","domain_name":"vp-1.pstn.twilio.com"}""");
        });

        var trunk = await _twilio.Gateway.CreateTrunkAsync(
            TwilioTestHarness.Credentials, new CreateTwilioTrunkRequest("My trunk", "vp-1.pstn.twilio.com", TransferEnabled: false), CancellationToken.None);

        trunk.Should().Be(new TwilioTrunk("TK0123456789abcdef0123456789abcdef", "vp-1.pstn.twilio.com"));
        form.Should().Contain("FriendlyName=My+trunk").And.Contain("DomainName=vp-1.pstn.twilio.com").And.Contain("TransferMode=disable-all");
    }

    [Theory]
    [InlineData(true, "TransferMode=enable-all")]
    [InlineData(false, "TransferMode=disable-all")]
    public async Task UpdateTrunkTransferMode_posts_only_TransferMode_to_the_trunk(bool enabled, string expectedForm)
    {
        string? form = null;
        _twilio.Handler.Enqueue(async (request, cancellationToken) =>
        {
            form = await request.Content!.ReadAsStringAsync(cancellationToken);
            return ScriptedTwilioHandler.Json(HttpStatusCode.OK, """{"sid":"TK0123456789abcdef0123456789abcdef","transfer_mode":"enable-all"}""");
        });

        await _twilio.Gateway.UpdateTrunkTransferModeAsync(TwilioTestHarness.Credentials, "TK0123456789abcdef0123456789abcdef", enabled, CancellationToken.None);

        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri!.AbsoluteUri.Should().Be("https://trunking.twilio.com/v1/Trunks/TK0123456789abcdef0123456789abcdef");
        form.Should().Be(expectedForm);
    }

    [Fact]
    public async Task UpdateTrunkTransferMode_is_retried_on_5xx_because_setting_a_value_twice_is_harmless()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, """{"sid":"TK0123456789abcdef0123456789abcdef"}"""));

        await _twilio.Gateway.UpdateTrunkTransferModeAsync(TwilioTestHarness.Credentials, "TK0123456789abcdef0123456789abcdef", true, CancellationToken.None);

        _twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task UpdateTrunkTransferMode_of_a_missing_trunk_is_not_found_and_not_retried()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404);

        var act = () => _twilio.Gateway.UpdateTrunkTransferModeAsync(TwilioTestHarness.Credentials, "TK0123456789abcdef0123456789abcdef", true, CancellationToken.None);

        await act.Should().ThrowAsync<TwilioResourceNotFoundException>();
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task UpdateTrunkTransferMode_refuses_a_malformed_trunk_sid_before_any_request()
    {
        var act = () => _twilio.Gateway.UpdateTrunkTransferModeAsync(TwilioTestHarness.Credentials, "TK../../Accounts", true, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
        _twilio.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_create_answered_429_is_retried_because_Twilio_never_processed_it()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.TooManyRequests, 20429));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.Created, """{"sid":"CL0123456789abcdef0123456789abcdef","friendly_name":"x"}"""));

        var sid = await _twilio.Gateway.CreateCredentialListAsync(TwilioTestHarness.Credentials, "x", CancellationToken.None);

        sid.Should().Be("CL0123456789abcdef0123456789abcdef");
        _twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Rate_limiting_beyond_the_retries_reports_Twilios_Retry_After()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.TooManyRequests, 20429, retryAfter: "0");

        var act = () => _twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<TwilioRateLimitedException>()).Which;
        failure.RetryAfter.Should().Be(TimeSpan.Zero);
        failure.TwilioErrorCode.Should().Be(20429);
    }

    [Fact]
    public async Task A_validation_error_is_a_rejection_and_is_not_retried()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.BadRequest, 21248);

        var act = () => _twilio.Gateway.CreateTrunkAsync(
            TwilioTestHarness.Credentials, new CreateTwilioTrunkRequest("T", "vp-1.pstn.twilio.com", false), CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioRequestRejectedException>()).Which.TwilioErrorCode.Should().Be(21248);
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task An_unreadable_error_body_is_reported_as_unavailable_not_as_a_crash()
    {
        _twilio.Handler.Default = _ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") };

        var act = () => _twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        await act.Should().ThrowAsync<TwilioUnavailableException>();
    }

    [Fact]
    public async Task A_transport_error_is_unavailable_and_retried_for_reads()
    {
        _twilio.Handler.Default = _ => throw new HttpRequestException("connection refused");

        var act = () => _twilio.Gateway.GetActiveAccountAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        _twilio.Handler.Requests.Should().HaveCount(_twilio.Options.Resilience.MaxRetryAttempts + 1);
    }

    [Fact]
    public async Task Deleting_something_already_gone_counts_as_deleted()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404);

        await _twilio.Gateway.DeleteTrunkAsync(TwilioTestHarness.Credentials, "TK0123456789abcdef0123456789abcdef", CancellationToken.None);
        await _twilio.Gateway.DeleteCredentialListAsync(TwilioTestHarness.Credentials, "CL0123456789abcdef0123456789abcdef", CancellationToken.None);

        _twilio.Handler.Requests.Select(r => r.Method).Should().Equal(HttpMethod.Delete, HttpMethod.Delete);
    }

    [Fact]
    public async Task Finding_a_trunk_walks_the_pages_Twilio_links()
    {
        const string wanted = "vp-wanted.pstn.twilio.com";
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, """
            {"trunks":[{"sid":"TK00000000000000000000000000000001","domain_name":"vp-other.pstn.twilio.com"}],
             "meta":{"page":0,"page_size":1,"key":"trunks","url":"https://trunking.twilio.com/v1/Trunks?PageSize=1&Page=0",
                     "first_page_url":"https://trunking.twilio.com/v1/Trunks?PageSize=1&Page=0","previous_page_url":null,
                     "next_page_url":"https://trunking.twilio.com/v1/Trunks?PageSize=1&Page=1&PageToken=PT1"}}
            """));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, $$$"""
            {"trunks":[{"sid":"TK00000000000000000000000000000002","domain_name":"{{{wanted}}}"}],
             "meta":{"page":1,"page_size":1,"key":"trunks","url":"https://trunking.twilio.com/v1/Trunks?PageSize=1&Page=1",
                     "first_page_url":"https://trunking.twilio.com/v1/Trunks?PageSize=1&Page=0",
                     "previous_page_url":"https://trunking.twilio.com/v1/Trunks?PageSize=1&Page=0","next_page_url":null}}
            """));

        var trunk = await _twilio.Gateway.FindTrunkByDomainNameAsync(TwilioTestHarness.Credentials, wanted, CancellationToken.None);

        trunk.Should().Be(new TwilioTrunk("TK00000000000000000000000000000002", wanted));
        _twilio.Handler.Requests.Select(r => r.RequestUri!.Query).Should().Equal("?PageSize=1000", "?PageSize=1&Page=1&PageToken=PT1");
    }

    [Fact]
    public async Task Finding_a_credential_list_that_does_not_exist_returns_null()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, $$$"""
            {"credential_lists":[{"sid":"CL00000000000000000000000000000001","friendly_name":"other"}],
             "uri":"/2010-04-01/Accounts/{{{TwilioTestHarness.AccountSid}}}/SIP/CredentialLists.json?PageSize=1000&Page=0",
             "first_page_uri":"/2010-04-01/Accounts/{{{TwilioTestHarness.AccountSid}}}/SIP/CredentialLists.json?PageSize=1000&Page=0",
             "page":0,"page_size":1000,"start":0,"end":0,"next_page_uri":null,"previous_page_uri":null}
            """));

        var sid = await _twilio.Gateway.FindCredentialListByFriendlyNameAsync(TwilioTestHarness.Credentials, "mine", CancellationToken.None);

        sid.Should().BeNull();
    }

    [Fact]
    public async Task An_unreadable_list_page_is_reported_as_unavailable()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, """{"unexpected":true}""");

        var act = () => _twilio.Gateway.FindTrunkByDomainNameAsync(TwilioTestHarness.Credentials, "vp-x.pstn.twilio.com", CancellationToken.None);

        await act.Should().ThrowAsync<TwilioUnavailableException>();
    }

    [Theory]
    [InlineData("TK0123")]
    [InlineData("TK0123456789abcdef0123456789abcdef/../x")]
    [InlineData("CL0123456789abcdef0123456789abcdef")]
    public async Task A_malformed_SID_never_reaches_a_request_path(string trunkSid)
    {
        var act = () => _twilio.Gateway.DeleteTrunkAsync(TwilioTestHarness.Credentials, trunkSid, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
        _twilio.Handler.Requests.Should().BeEmpty();
    }
}
