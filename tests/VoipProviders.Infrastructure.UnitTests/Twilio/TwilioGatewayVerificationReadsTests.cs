using System.Net;
using System.Text;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>
/// The reads behind provider verification (trunk, credential list, trunk association, SIP credentials, trunk numbers),
/// through the real Twilio SDK: requests sent, Twilio's answers (twilio-oai shapes) read, 404s and failures typed.
/// </summary>
public sealed class TwilioGatewayVerificationReadsTests
{
    private const string AccountSid = TwilioTestHarness.AccountSid;
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";
    private const string ListSid = "CL0123456789abcdef0123456789abcdef";
    private const string Pn1 = "PN00000000000000000000000000000001";
    private const string Pn2 = "PN00000000000000000000000000000002";
    private const string Pn3 = "PN00000000000000000000000000000003";
    private const string TrunkUrl = $"https://trunking.twilio.com/v1/Trunks/{TrunkSid}";
    private const string CredentialListPath = $"/2010-04-01/Accounts/{AccountSid}/SIP/CredentialLists/{ListSid}";
    private const string CredentialsPath = $"{CredentialListPath}/Credentials.json";
    private const string TrunkNumbersUrl = $"{TrunkUrl}/PhoneNumbers";

    private readonly TwilioTestHarness _twilio = new();

    private static TwilioCredentials Credentials => TwilioTestHarness.Credentials;

    private static string Quoted(string? value) => value is null ? "null" : $"\"{value}\"";

    /// <summary>A trunking.v1.trunk as Twilio renders it.</summary>
    private static string TrunkJson(string? domainName, string transferModeJson) =>
        $$"""
        {"account_sid":"{{AccountSid}}","domain_name":{{Quoted(domainName)}},"disaster_recovery_method":"POST","disaster_recovery_url":null,
         "friendly_name":"VoIP provider","secure":false,"recording":{"mode":"do-not-record","trim":"do-not-trim"},
         "transfer_mode":{{transferModeJson}},"transfer_caller_id":"from-transferee","cnam_lookup_enabled":false,
         "auth_type":"CREDENTIAL_LIST","symmetric_rtp_enabled":false,"auth_type_set":["CREDENTIAL_LIST"],
         "date_created":"2015-01-02T11:23:45Z","date_updated":"2015-01-02T11:23:45Z","sid":"{{TrunkSid}}","url":"{{TrunkUrl}}",
         "links":{"origination_urls":"{{TrunkUrl}}/OriginationUrls","credential_lists":"{{TrunkUrl}}/CredentialLists",
                  "ip_access_control_lists":"{{TrunkUrl}}/IpAccessControlLists","phone_numbers":"{{TrunkUrl}}/PhoneNumbers"} }
        """;

    /// <summary>An api.v2010.account.sip.sip_credential_list.</summary>
    private const string CredentialListJson =
        $$"""
        {"account_sid":"{{AccountSid}}","date_created":"Wed, 11 Sep 2013 17:51:38 +0000","date_updated":"Wed, 11 Sep 2013 17:51:38 +0000",
         "friendly_name":"voip-provider","sid":"{{ListSid}}","subresource_uris":{"credentials":"{{CredentialsPath}}"},"uri":"{{CredentialListPath}}.json"}
        """;

    /// <summary>A trunking.v1.trunk.credential_list (the association).</summary>
    private const string TrunkCredentialListJson =
        $$"""
        {"account_sid":"{{AccountSid}}","trunk_sid":"{{TrunkSid}}","date_created":"2018-04-28T00:10:23Z","date_updated":"2018-04-28T00:10:23Z",
         "friendly_name":"voip-provider","sid":"{{ListSid}}","url":"{{TrunkUrl}}/CredentialLists/{{ListSid}}"}
        """;

    private static string CredentialJson(int index, string username) =>
        $$"""
        {"account_sid":"{{AccountSid}}","credential_list_sid":"{{ListSid}}","date_created":"Wed, 19 Aug 2015 19:48:45 +0000",
         "date_updated":"Wed, 19 Aug 2015 19:48:45 +0000","sid":"CR{{index:D32}}",
         "uri":"{{CredentialListPath}}/Credentials/CR{{index:D32}}.json","username":"{{username}}"}
        """;

    private static string CredentialsPageUri(int page, string? token) =>
        token is null ? $"{CredentialsPath}?PageSize=1000&Page={page}" : $"{CredentialsPath}?PageSize=1000&Page={page}&PageToken={token}";

    /// <summary>An api.v2010 ListSipCredentialResponse: relative URIs at the top level.</summary>
    private static string CredentialsPageJson(int page, string? pageToken, string? nextPageToken, int start, params string[] credentials) =>
        $$"""
        {"credentials":[{{string.Join(",", credentials)}}],
         "end":{{(credentials.Length == 0 ? start : start + credentials.Length - 1)}},"page":{{page}},"page_size":1000,"start":{{start}},
         "uri":"{{CredentialsPageUri(page, pageToken)}}","first_page_uri":"{{CredentialsPageUri(0, null)}}",
         "next_page_uri":{{(nextPageToken is null ? "null" : Quoted(CredentialsPageUri(page + 1, nextPageToken)))}},
         "previous_page_uri":{{(page == 0 ? "null" : Quoted(CredentialsPageUri(page - 1, "PB" + page)))}}}
        """;

    /// <summary>A trunking.v1.trunk.phone_number.</summary>
    private static string TrunkNumberJson(string sid, string phoneNumber) =>
        $$"""
        {"account_sid":"{{AccountSid}}","address_requirements":"none","api_version":"2010-04-01","beta":false,
         "capabilities":{"mms":true,"sms":true,"voice":true},"date_created":"2010-12-10T17:27:34Z","date_updated":"2015-10-09T11:36:32Z",
         "friendly_name":"{{phoneNumber}}","links":{"phone_number":"https://api.twilio.com/2010-04-01/Accounts/{{AccountSid}}/IncomingPhoneNumbers/{{sid}}"},
         "phone_number":"{{phoneNumber}}","sid":"{{sid}}","sms_application_sid":"","sms_fallback_method":"POST","sms_fallback_url":"",
         "sms_method":"POST","sms_url":"","status_callback":"","status_callback_method":"POST","trunk_sid":"{{TrunkSid}}",
         "url":"{{TrunkNumbersUrl}}/{{sid}}","voice_application_sid":"","voice_caller_id_lookup":null,"voice_fallback_method":null,
         "voice_fallback_url":null,"voice_method":"POST","voice_url":null}
        """;

    private static string TrunkNumbersPageUrl(int page, string? token) =>
        token is null ? $"{TrunkNumbersUrl}?PageSize=1000&Page={page}" : $"{TrunkNumbersUrl}?PageSize=1000&Page={page}&PageToken={token}";

    /// <summary>A trunking v1 list page: the paging links are ABSOLUTE urls inside <c>meta</c>.</summary>
    private static string TrunkNumbersPageJson(int page, string? pageToken, string? nextPageToken, params string[] numbers) =>
        $$"""
        {"phone_numbers":[{{string.Join(",", numbers)}}],
         "meta":{"first_page_url":"{{TrunkNumbersPageUrl(0, null)}}","key":"phone_numbers",
                 "next_page_url":{{(nextPageToken is null ? "null" : Quoted(TrunkNumbersPageUrl(page + 1, nextPageToken)))}},
                 "page":{{page}},"page_size":1000,
                 "previous_page_url":{{(page == 0 ? "null" : Quoted(TrunkNumbersPageUrl(page - 1, "PB" + page)))}},
                 "url":"{{TrunkNumbersPageUrl(page, pageToken)}}"} }
        """;

    private void Answer(string json) => _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, json));

    private void AlwaysAnswer(HttpStatusCode status, int code) => _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(status, code);

    private HttpRequestMessage SingleRequest() => _twilio.Handler.Requests.Should().ContainSingle().Subject;

    private static void ShouldBeAuthenticatedGet(HttpRequestMessage request, string absoluteUri)
    {
        request.Method.Should().Be(HttpMethod.Get);
        request.RequestUri!.AbsoluteUri.Should().Be(absoluteUri);
        request.Headers.Authorization!.Scheme.Should().Be("Basic");
        Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!))
            .Should().Be($"{AccountSid}:{TwilioTestHarness.AuthToken}");
    }

    /// <summary>Each of the four reads, as a call whose result does not matter.</summary>
    private Func<Task> Read(string operation) => operation switch
    {
        "FetchTrunk" => () => _twilio.Gateway.FetchTrunkAsync(Credentials, TrunkSid, CancellationToken.None),
        "FetchTrunkCredentialList" => () => _twilio.Gateway.IsCredentialListAssociatedAsync(Credentials, TrunkSid, ListSid, CancellationToken.None),
        "ListSipCredentials" => () => _twilio.Gateway.ListSipCredentialUsernamesAsync(Credentials, ListSid, CancellationToken.None),
        "ListTrunkPhoneNumbers" => () => _twilio.Gateway.ListTrunkPhoneNumberSidsAsync(Credentials, TrunkSid, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    public static TheoryData<string, string> ReadsAndTheirFirstRequest => new()
    {
        { "FetchTrunk", TrunkUrl },
        { "FetchTrunkCredentialList", $"{TrunkUrl}/CredentialLists/{ListSid}" },
        { "ListSipCredentials", $"https://api.twilio.com{CredentialsPath}?PageSize=1000" },
        { "ListTrunkPhoneNumbers", $"{TrunkNumbersUrl}?PageSize=1000" },
    };

    [Theory]
    [InlineData("enable-all")]
    [InlineData("disable-all")]
    [InlineData("sip-only")]
    public async Task FetchTrunk_gets_the_trunk_and_reports_Twilios_own_TransferMode(string transferMode)
    {
        Answer(TrunkJson("vp-1.pstn.twilio.com", Quoted(transferMode)));

        var trunk = await _twilio.Gateway.FetchTrunkAsync(Credentials, TrunkSid, CancellationToken.None);

        trunk.Should().Be(new TwilioTrunkConfiguration(TrunkSid, "vp-1.pstn.twilio.com", transferMode));
        ShouldBeAuthenticatedGet(SingleRequest(), TrunkUrl);
    }

    [Fact]
    public async Task FetchTrunk_passes_a_TransferMode_the_SDK_does_not_know_through_unchanged()
    {
        Answer(TrunkJson("vp-1.pstn.twilio.com", "\"some-future-mode\""));

        var trunk = await _twilio.Gateway.FetchTrunkAsync(Credentials, TrunkSid, CancellationToken.None);

        trunk!.TransferMode.Should().Be("some-future-mode");
    }

    [Fact]
    public async Task FetchTrunk_reports_a_missing_domain_name_or_transfer_mode_as_empty()
    {
        Answer(TrunkJson(domainName: null, transferModeJson: "null"));

        var trunk = await _twilio.Gateway.FetchTrunkAsync(Credentials, TrunkSid, CancellationToken.None);

        trunk.Should().Be(new TwilioTrunkConfiguration(TrunkSid, string.Empty, string.Empty));
    }

    [Fact]
    public async Task FetchTrunk_answers_null_without_retrying_When_the_account_has_no_such_trunk()
    {
        AlwaysAnswer(HttpStatusCode.NotFound, 20404);

        var trunk = await _twilio.Gateway.FetchTrunkAsync(Credentials, TrunkSid, CancellationToken.None);

        trunk.Should().BeNull();
        ShouldBeAuthenticatedGet(SingleRequest(), TrunkUrl);
    }

    [Fact]
    public async Task IsCredentialListAssociated_fetches_the_association_of_the_trunk()
    {
        Answer(TrunkCredentialListJson);

        var associated = await _twilio.Gateway.IsCredentialListAssociatedAsync(Credentials, TrunkSid, ListSid, CancellationToken.None);

        associated.Should().BeTrue();
        ShouldBeAuthenticatedGet(SingleRequest(), $"{TrunkUrl}/CredentialLists/{ListSid}");
    }

    [Fact]
    public async Task IsCredentialListAssociated_is_false_without_retrying_When_Twilio_answers_404()
    {
        AlwaysAnswer(HttpStatusCode.NotFound, 20404);

        var associated = await _twilio.Gateway.IsCredentialListAssociatedAsync(Credentials, TrunkSid, ListSid, CancellationToken.None);

        associated.Should().BeFalse();
        SingleRequest().Method.Should().Be(HttpMethod.Get);
    }

    [Fact]
    public async Task ListSipCredentialUsernames_reads_the_usernames_of_the_list_in_Twilios_order()
    {
        Answer(CredentialsPageJson(0, null, null, 0, CredentialJson(1, "vp-pbx-1"), CredentialJson(2, "vp-pbx-2")));

        var usernames = await _twilio.Gateway.ListSipCredentialUsernamesAsync(Credentials, ListSid, CancellationToken.None);

        usernames.Should().Equal("vp-pbx-1", "vp-pbx-2");
        ShouldBeAuthenticatedGet(SingleRequest(), $"https://api.twilio.com{CredentialsPath}?PageSize=1000");
    }

    [Fact]
    public async Task ListSipCredentialUsernames_reads_every_page_Twilio_links_in_order_and_stops_at_the_last()
    {
        Answer(CredentialsPageJson(0, null, "PAtoken1", 0, CredentialJson(1, "one"), CredentialJson(2, "two")));
        Answer(CredentialsPageJson(1, "PAtoken1", "PAtoken2", 2, CredentialJson(3, "three")));
        Answer(CredentialsPageJson(2, "PAtoken2", null, 3, CredentialJson(4, "four")));

        var usernames = await _twilio.Gateway.ListSipCredentialUsernamesAsync(Credentials, ListSid, CancellationToken.None);

        usernames.Should().Equal("one", "two", "three", "four");
        _twilio.Handler.Requests.Select(r => r.RequestUri!.AbsoluteUri).Should().Equal(
            $"https://api.twilio.com{CredentialsPath}?PageSize=1000",
            $"https://api.twilio.com{CredentialsPath}?PageSize=1000&Page=1&PageToken=PAtoken1",
            $"https://api.twilio.com{CredentialsPath}?PageSize=1000&Page=2&PageToken=PAtoken2");
        _twilio.Handler.Requests.Should().AllSatisfy(r => r.Method.Should().Be(HttpMethod.Get));
    }

    [Fact]
    public async Task ListSipCredentialUsernames_answers_an_empty_list_not_null_for_a_list_without_credentials()
    {
        Answer(CredentialsPageJson(0, null, null, 0));

        var usernames = await _twilio.Gateway.ListSipCredentialUsernamesAsync(Credentials, ListSid, CancellationToken.None);

        usernames.Should().NotBeNull().And.BeEmpty();
    }

    [Fact]
    public async Task ListSipCredentialUsernames_answers_null_without_retrying_When_the_list_does_not_exist()
    {
        AlwaysAnswer(HttpStatusCode.NotFound, 20404);

        var usernames = await _twilio.Gateway.ListSipCredentialUsernamesAsync(Credentials, ListSid, CancellationToken.None);

        usernames.Should().BeNull();
        ShouldBeAuthenticatedGet(SingleRequest(), $"https://api.twilio.com{CredentialsPath}?PageSize=1000");
    }

    [Fact]
    public async Task ListSipCredentialUsernames_retries_a_page_that_failed_with_5xx_and_carries_on()
    {
        Answer(CredentialsPageJson(0, null, "PAtoken1", 0, CredentialJson(1, "one")));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.InternalServerError, 20500));
        Answer(CredentialsPageJson(1, "PAtoken1", null, 1, CredentialJson(2, "two")));

        var usernames = await _twilio.Gateway.ListSipCredentialUsernamesAsync(Credentials, ListSid, CancellationToken.None);

        usernames.Should().Equal("one", "two");
        _twilio.Handler.Requests.Select(r => r.RequestUri!.Query).Should().Equal(
            "?PageSize=1000", "?PageSize=1000&Page=1&PageToken=PAtoken1", "?PageSize=1000&Page=1&PageToken=PAtoken1");
    }

    [Fact]
    public async Task ListTrunkPhoneNumberSids_reads_the_SIDs_of_the_numbers_on_the_trunk()
    {
        Answer(TrunkNumbersPageJson(0, null, null, TrunkNumberJson(Pn1, "+14155550101"), TrunkNumberJson(Pn2, "+14155550102")));

        var sids = await _twilio.Gateway.ListTrunkPhoneNumberSidsAsync(Credentials, TrunkSid, CancellationToken.None);

        sids.Should().Equal(Pn1, Pn2);
        ShouldBeAuthenticatedGet(SingleRequest(), $"{TrunkNumbersUrl}?PageSize=1000");
    }

    [Fact]
    public async Task ListTrunkPhoneNumberSids_reads_every_page_through_the_absolute_meta_urls()
    {
        Answer(TrunkNumbersPageJson(0, null, $"PA{Pn1}", TrunkNumberJson(Pn1, "+14155550101")));
        Answer(TrunkNumbersPageJson(1, $"PA{Pn1}", $"PA{Pn2}", TrunkNumberJson(Pn2, "+14155550102")));
        Answer(TrunkNumbersPageJson(2, $"PA{Pn2}", null, TrunkNumberJson(Pn3, "+14155550103")));

        var sids = await _twilio.Gateway.ListTrunkPhoneNumberSidsAsync(Credentials, TrunkSid, CancellationToken.None);

        sids.Should().Equal(Pn1, Pn2, Pn3);
        _twilio.Handler.Requests.Select(r => r.RequestUri!.AbsoluteUri).Should().Equal(
            $"{TrunkNumbersUrl}?PageSize=1000",
            $"{TrunkNumbersUrl}?PageSize=1000&Page=1&PageToken=PA{Pn1}",
            $"{TrunkNumbersUrl}?PageSize=1000&Page=2&PageToken=PA{Pn2}");
        _twilio.Handler.Requests.Should().AllSatisfy(r => r.Method.Should().Be(HttpMethod.Get));
    }

    [Fact]
    public async Task ListTrunkPhoneNumberSids_answers_an_empty_list_for_a_trunk_without_numbers()
    {
        Answer(TrunkNumbersPageJson(0, null, null));

        var sids = await _twilio.Gateway.ListTrunkPhoneNumberSidsAsync(Credentials, TrunkSid, CancellationToken.None);

        sids.Should().BeEmpty();
        SingleRequest();
    }

    [Fact]
    public async Task ListTrunkPhoneNumberSids_answers_an_empty_list_without_retrying_When_the_trunk_does_not_exist()
    {
        AlwaysAnswer(HttpStatusCode.NotFound, 20404);

        var sids = await _twilio.Gateway.ListTrunkPhoneNumberSidsAsync(Credentials, TrunkSid, CancellationToken.None);

        sids.Should().BeEmpty();
        ShouldBeAuthenticatedGet(SingleRequest(), $"{TrunkNumbersUrl}?PageSize=1000");
    }

    [Theory]
    [MemberData(nameof(ReadsAndTheirFirstRequest))]
    public async Task A_verification_read_is_retried_on_5xx_and_is_unavailable_When_5xx_outlasts_the_retries(string operation, string url)
    {
        AlwaysAnswer(HttpStatusCode.InternalServerError, 20500);

        var act = Read(operation);

        var failure = (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which;
        failure.HttpStatus.Should().Be(500);
        failure.TwilioErrorCode.Should().Be(20500);
        failure.OutcomeUnknown.Should().BeFalse("a failed read changed nothing");
        _twilio.Handler.Requests.Should().HaveCount(_twilio.Options.Resilience.MaxRetryAttempts + 1)
            .And.AllSatisfy(r => ShouldBeAuthenticatedGet(r, url));
    }

    [Theory]
    [MemberData(nameof(ReadsAndTheirFirstRequest))]
    public async Task A_verification_read_rejected_by_Twilio_is_a_credentials_rejection_and_is_not_retried(string operation, string url)
    {
        AlwaysAnswer(HttpStatusCode.Unauthorized, 20003);

        var act = Read(operation);

        (await act.Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which.TwilioErrorCode.Should().Be(20003);
        ShouldBeAuthenticatedGet(SingleRequest(), url);
    }

    [Theory]
    [InlineData("ListSipCredentials")]
    [InlineData("ListTrunkPhoneNumbers")]
    public async Task An_unreadable_list_page_is_reported_as_unavailable(string operation)
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, """{"unexpected":true}""");

        var act = Read(operation);

        await act.Should().ThrowAsync<TwilioUnavailableException>();
    }

    [Theory]
    [InlineData("TK0123")]
    [InlineData("TK0123456789abcdef0123456789abcdef/../x")]
    [InlineData("TK0123456789abcdef0123456789abcdef\n")]
    [InlineData("CL0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    public async Task A_malformed_trunk_SID_never_reaches_a_request(string trunkSid)
    {
        var fetch = () => _twilio.Gateway.FetchTrunkAsync(Credentials, trunkSid, CancellationToken.None);
        var associated = () => _twilio.Gateway.IsCredentialListAssociatedAsync(Credentials, trunkSid, ListSid, CancellationToken.None);
        var numbers = () => _twilio.Gateway.ListTrunkPhoneNumberSidsAsync(Credentials, trunkSid, CancellationToken.None);

        await fetch.Should().ThrowAsync<ArgumentException>();
        await associated.Should().ThrowAsync<ArgumentException>();
        await numbers.Should().ThrowAsync<ArgumentException>();
        _twilio.Handler.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("CL0123")]
    [InlineData("CL0123456789abcdef0123456789abcdef/../x")]
    [InlineData("CL0123456789abcdef0123456789abcdef\n")]
    [InlineData("TK0123456789abcdef0123456789abcdef")]
    [InlineData("")]
    public async Task A_malformed_credential_list_SID_never_reaches_a_request(string credentialListSid)
    {
        var associated = () => _twilio.Gateway.IsCredentialListAssociatedAsync(Credentials, TrunkSid, credentialListSid, CancellationToken.None);
        var usernames = () => _twilio.Gateway.ListSipCredentialUsernamesAsync(Credentials, credentialListSid, CancellationToken.None);

        await associated.Should().ThrowAsync<ArgumentException>();
        await usernames.Should().ThrowAsync<ArgumentException>();
        _twilio.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_account_scoped_reads_never_get_a_malformed_account_SID_because_AccountSid_refuses_it()
    {
        // The gateway no longer checks the SID's shape: credentials hold an AccountSid, which cannot be malformed.
        const string accountSid = "AC0123456789abcdef0123456789abcdef/..";
        Domain.Twilio.AccountSid.TryParse(accountSid, out _).Should().BeFalse();

        var usernames = () => _twilio.Gateway.ListSipCredentialUsernamesAsync(
            new TwilioCredentials(Domain.Twilio.AccountSid.Parse(accountSid), TwilioAuthToken.From(TwilioTestHarness.AuthToken)),
            ListSid,
            CancellationToken.None);

        await usernames.Should().ThrowAsync<ArgumentException>();
        _twilio.Handler.Requests.Should().BeEmpty();
    }
}
