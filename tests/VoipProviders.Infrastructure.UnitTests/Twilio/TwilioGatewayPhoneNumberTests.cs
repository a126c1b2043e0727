using System.Net;
using System.Text;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>The phone number operations of the adapter, through the real Twilio SDK: requests sent, answers read, failures typed.</summary>
public sealed class TwilioGatewayPhoneNumberTests
{
    private const string AccountSid = TwilioTestHarness.AccountSid;
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";
    private const string OtherTrunkSid = "TKfedcba9876543210fedcba9876543210";
    private const string Sid1 = "PN00000000000000000000000000000001";
    private const string Sid2 = "PN00000000000000000000000000000002";
    private const string Sid3 = "PN00000000000000000000000000000003";
    private const string ListPath = $"/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json";
    private const string FirstPageUrl = $"https://api.twilio.com{ListPath}?PageSize=1000";
    private const string PhoneNumbersUrl = $"https://trunking.twilio.com/v1/Trunks/{TrunkSid}/PhoneNumbers";

    private readonly TwilioTestHarness _twilio = new();

    private static string Quoted(string? value) => value is null ? "null" : $"\"{value}\"";

    /// <summary>An api.v2010 IncomingPhoneNumber as Twilio renders it.</summary>
    private static string IncomingNumberJson(
        string sid,
        string phoneNumber,
        string? friendlyName,
        string? trunkSid,
        bool voice = true,
        bool sms = true,
        bool mms = false) =>
        $$"""
        {"account_sid":"{{AccountSid}}","address_requirements":"none","address_sid":null,"api_version":"2010-04-01","beta":false,
         "capabilities":{"fax":false,"mms":{{Bool(mms)}},"sms":{{Bool(sms)}},"voice":{{Bool(voice)}}},
         "date_created":"Thu, 30 Jul 2015 23:19:04 +0000","date_updated":"Thu, 30 Jul 2015 23:19:04 +0000",
         "emergency_status":"Active","emergency_address_sid":null,"emergency_address_status":"unregistered",
         "friendly_name":{{Quoted(friendlyName)}},"identity_sid":null,"origin":"twilio","phone_number":"{{phoneNumber}}",
         "sid":"{{sid}}","sms_application_sid":"","sms_fallback_method":"POST","sms_fallback_url":"","sms_method":"POST",
         "sms_url":"","status_callback":"","status_callback_method":"POST","trunk_sid":{{Quoted(trunkSid)}},
         "uri":"/2010-04-01/Accounts/{{AccountSid}}/IncomingPhoneNumbers/{{sid}}.json","voice_receive_mode":"voice",
         "voice_application_sid":null,"voice_caller_id_lookup":false,"voice_fallback_method":"POST","voice_fallback_url":null,
         "voice_method":"POST","voice_url":null,"bundle_sid":null,"status":"in-use",
         "subresource_uris":{"assigned_add_ons":"/2010-04-01/Accounts/{{AccountSid}}/IncomingPhoneNumbers/{{sid}}/AssignedAddOns.json"} }
        """;

    private static string Bool(bool value) => value ? "true" : "false";

    private static string PageUri(int page, string? token) =>
        token is null ? $"{ListPath}?PageSize=1000&Page={page}" : $"{ListPath}?PageSize=1000&Page={page}&PageToken={token}";

    /// <summary>An api.v2010 list page: relative URIs at the top level, the next one carrying a PageToken.</summary>
    private static string ListPageJson(int page, string? pageToken, string? nextPageToken, int start, params string[] numbers) =>
        $$"""
        {"incoming_phone_numbers":[{{string.Join(",", numbers)}}],
         "page":{{page}},"page_size":1000,"start":{{start}},"end":{{(numbers.Length == 0 ? start : start + numbers.Length - 1)}},
         "uri":"{{PageUri(page, pageToken)}}",
         "first_page_uri":"{{PageUri(0, null)}}",
         "next_page_uri":{{(nextPageToken is null ? "null" : Quoted(PageUri(page + 1, nextPageToken)))}},
         "previous_page_uri":{{(page == 0 ? "null" : Quoted(PageUri(page - 1, "PB" + page)))}} }
        """;

    private static string TrunkPhoneNumberJson(string sid) =>
        $$"""
        {"account_sid":"{{AccountSid}}","address_requirements":"none","api_version":"2010-04-01","beta":false,
         "capabilities":{"mms":false,"sms":true,"voice":true},"date_created":"2015-07-30T20:00:00Z","date_updated":"2015-07-30T20:00:00Z",
         "friendly_name":"(415) 555-0100","links":{"phone_number":"https://api.twilio.com/2010-04-01/Accounts/{{AccountSid}}/IncomingPhoneNumbers/{{sid}}.json"},
         "phone_number":"+14155550100","sid":"{{sid}}","sms_application_sid":"","sms_fallback_method":"POST","sms_fallback_url":"",
         "sms_method":"POST","sms_url":"","status_callback":"","status_callback_method":"POST","trunk_sid":"{{TrunkSid}}",
         "url":"{{PhoneNumbersUrl}}/{{sid}}","voice_application_sid":"","voice_caller_id_lookup":false,"voice_fallback_method":"POST",
         "voice_fallback_url":null,"voice_method":"POST","voice_url":null}
        """;

    private void AnswerWithPage(string json) => _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, json));

    private Task<IReadOnlyList<TwilioIncomingNumber>> ListAsync() =>
        _twilio.Gateway.ListIncomingPhoneNumbersAsync(TwilioTestHarness.Credentials, CancellationToken.None);

    [Fact]
    public async Task ListIncomingPhoneNumbers_asks_for_pages_of_1000_with_the_credential_pair()
    {
        AnswerWithPage(ListPageJson(0, null, null, 0));

        await ListAsync();

        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Get);
        request.RequestUri!.AbsoluteUri.Should().Be(FirstPageUrl);
        request.Headers.Authorization!.Scheme.Should().Be("Basic");
        Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization.Parameter!))
            .Should().Be($"{AccountSid}:{TwilioTestHarness.AuthToken}");
    }

    [Fact]
    public async Task ListIncomingPhoneNumbers_maps_each_number_and_the_trunk_it_is_attached_to()
    {
        AnswerWithPage(ListPageJson(
            0,
            null,
            null,
            0,
            IncomingNumberJson(Sid1, "+14155550100", "(415) 555-0100", trunkSid: null, voice: true, sms: true, mms: false),
            IncomingNumberJson(Sid2, "+442079460000", "London office", trunkSid: "", voice: true, sms: false, mms: true),
            IncomingNumberJson(Sid3, "+12125550199", "NYC", trunkSid: OtherTrunkSid, voice: false, sms: true, mms: true)));

        var numbers = await ListAsync();

        numbers.Should().Equal(
            new TwilioIncomingNumber(Sid1, "+14155550100", "(415) 555-0100", new PhoneNumberCapabilities(Voice: true, Sms: true, Mms: false), null),
            new TwilioIncomingNumber(Sid2, "+442079460000", "London office", new PhoneNumberCapabilities(Voice: true, Sms: false, Mms: true), null),
            new TwilioIncomingNumber(Sid3, "+12125550199", "NYC", new PhoneNumberCapabilities(Voice: false, Sms: true, Mms: true), OtherTrunkSid));
    }

    [Fact]
    public async Task ListIncomingPhoneNumbers_reads_every_page_Twilio_links_in_order_and_stops_at_the_last()
    {
        AnswerWithPage(ListPageJson(0, null, "PAtoken1", 0,
            IncomingNumberJson(Sid1, "+14155550101", "one", null),
            IncomingNumberJson(Sid2, "+14155550102", "two", TrunkSid)));
        AnswerWithPage(ListPageJson(1, "PAtoken1", "PAtoken2", 2,
            IncomingNumberJson(Sid3, "+14155550103", "three", null)));
        AnswerWithPage(ListPageJson(2, "PAtoken2", null, 3,
            IncomingNumberJson("PN00000000000000000000000000000004", "+14155550104", "four", null)));

        var numbers = await ListAsync();

        numbers.Select(n => n.Sid).Should().Equal(Sid1, Sid2, Sid3, "PN00000000000000000000000000000004");
        numbers[1].TrunkSid.Should().Be(TrunkSid);
        _twilio.Handler.Requests.Select(r => r.RequestUri!.AbsoluteUri).Should().Equal(
            FirstPageUrl,
            $"https://api.twilio.com{ListPath}?PageSize=1000&Page=1&PageToken=PAtoken1",
            $"https://api.twilio.com{ListPath}?PageSize=1000&Page=2&PageToken=PAtoken2");
        _twilio.Handler.Requests.Should().AllSatisfy(r => r.Method.Should().Be(HttpMethod.Get));
    }

    [Fact]
    public async Task ListIncomingPhoneNumbers_answers_an_empty_list_for_an_account_without_numbers()
    {
        AnswerWithPage(ListPageJson(0, null, null, 0));

        var numbers = await ListAsync();

        numbers.Should().BeEmpty();
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task ListIncomingPhoneNumbers_retries_a_page_that_failed_with_5xx_and_carries_on()
    {
        AnswerWithPage(ListPageJson(0, null, "PAtoken1", 0, IncomingNumberJson(Sid1, "+14155550101", "one", null)));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503));
        AnswerWithPage(ListPageJson(1, "PAtoken1", null, 1, IncomingNumberJson(Sid2, "+14155550102", "two", null)));

        var numbers = await ListAsync();

        numbers.Select(n => n.Sid).Should().Equal(Sid1, Sid2);
        _twilio.Handler.Requests.Select(r => r.RequestUri!.Query).Should().Equal(
            "?PageSize=1000", "?PageSize=1000&Page=1&PageToken=PAtoken1", "?PageSize=1000&Page=1&PageToken=PAtoken1");
    }

    [Fact]
    public async Task ListIncomingPhoneNumbers_is_unavailable_When_a_later_page_keeps_failing()
    {
        AnswerWithPage(ListPageJson(0, null, "PAtoken1", 0, IncomingNumberJson(Sid1, "+14155550101", "one", null)));
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.BadGateway, 20502);

        var act = ListAsync;

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.HttpStatus.Should().Be(502);
        _twilio.Handler.Requests.Should().HaveCount(1 + _twilio.Options.Resilience.MaxRetryAttempts + 1);
    }

    [Fact]
    public async Task ListIncomingPhoneNumbers_rejected_by_Twilio_is_a_credentials_rejection_and_is_not_retried()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.Unauthorized, 20003);

        var act = ListAsync;

        (await act.Should().ThrowAsync<TwilioCredentialsRejectedException>()).Which.TwilioErrorCode.Should().Be(20003);
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task ListIncomingPhoneNumbers_reports_an_unreadable_page_as_unavailable()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, """{"unexpected":true}""");

        var act = ListAsync;

        await act.Should().ThrowAsync<TwilioUnavailableException>();
    }

    [Theory]
    [InlineData("AC0123")]
    [InlineData("AC0123456789abcdef0123456789abcdef/../x")]
    [InlineData("AC0123456789abcdef0123456789abcdef\n")]
    [InlineData("ac0123456789abcdef0123456789abcdef")]
    public async Task ListIncomingPhoneNumbers_never_gets_a_malformed_account_SID_because_AccountSid_refuses_it(string accountSid)
    {
        // The gateway no longer checks the SID's shape: credentials hold an AccountSid, which cannot be malformed.
        Domain.Twilio.AccountSid.TryParse(accountSid, out _).Should().BeFalse();

        var act = () => _twilio.Gateway.ListIncomingPhoneNumbersAsync(
            new TwilioCredentials(Domain.Twilio.AccountSid.Parse(accountSid), TwilioAuthToken.From(TwilioTestHarness.AuthToken)),
            CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
        _twilio.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task FindIncomingPhoneNumber_fetches_the_number_of_the_account_and_maps_it()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(
            HttpStatusCode.OK, IncomingNumberJson(Sid1, "+14155550100", "(415) 555-0100", TrunkSid, voice: true, sms: false, mms: false)));

        var number = await _twilio.Gateway.FindIncomingPhoneNumberAsync(TwilioTestHarness.Credentials, Sid1, CancellationToken.None);

        number.Should().Be(new TwilioIncomingNumber(
            Sid1, "+14155550100", "(415) 555-0100", new PhoneNumberCapabilities(Voice: true, Sms: false, Mms: false), TrunkSid));
        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Get);
        request.RequestUri!.AbsoluteUri.Should().Be($"https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid1}.json");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public async Task FindIncomingPhoneNumber_answers_no_trunk_for_a_free_number(string trunkSidJson)
    {
        var json = IncomingNumberJson(Sid1, "+14155550100", "(415) 555-0100", TrunkSid)
            .Replace($"\"trunk_sid\":\"{TrunkSid}\"", $"\"trunk_sid\":{trunkSidJson}", StringComparison.Ordinal);
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, json));

        var number = await _twilio.Gateway.FindIncomingPhoneNumberAsync(TwilioTestHarness.Credentials, Sid1, CancellationToken.None);

        number!.TrunkSid.Should().BeNull();
    }

    [Fact]
    public async Task FindIncomingPhoneNumber_answers_null_without_retrying_When_the_account_has_no_such_number()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404);

        var number = await _twilio.Gateway.FindIncomingPhoneNumberAsync(TwilioTestHarness.Credentials, Sid1, CancellationToken.None);

        number.Should().BeNull();
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task FindIncomingPhoneNumber_is_retried_on_5xx()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.InternalServerError, 20500));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, IncomingNumberJson(Sid1, "+14155550100", "x", null)));

        var number = await _twilio.Gateway.FindIncomingPhoneNumberAsync(TwilioTestHarness.Credentials, Sid1, CancellationToken.None);

        number!.Sid.Should().Be(Sid1);
        _twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task FindIncomingPhoneNumber_rejected_by_Twilio_is_a_credentials_rejection()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.Unauthorized, 20003);

        var act = () => _twilio.Gateway.FindIncomingPhoneNumberAsync(TwilioTestHarness.Credentials, Sid1, CancellationToken.None);

        await act.Should().ThrowAsync<TwilioCredentialsRejectedException>();
    }

    [Fact]
    public async Task AttachPhoneNumber_posts_only_the_number_SID_to_the_trunks_phone_numbers()
    {
        string? form = null;
        _twilio.Handler.Enqueue(async (request, cancellationToken) =>
        {
            form = await request.Content!.ReadAsStringAsync(cancellationToken);
            return ScriptedTwilioHandler.Json(HttpStatusCode.Created, TrunkPhoneNumberJson(Sid1));
        });

        await _twilio.Gateway.AttachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri!.AbsoluteUri.Should().Be(PhoneNumbersUrl);
        form.Should().Be($"PhoneNumberSid={Sid1}");
        Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization!.Parameter!))
            .Should().Be($"{AccountSid}:{TwilioTestHarness.AuthToken}");
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, 20500)]
    [InlineData(HttpStatusCode.BadGateway, 20502)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 20503)]
    public async Task AttachPhoneNumber_failing_with_5xx_is_not_retried_and_its_outcome_is_unknown(HttpStatusCode status, int code)
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(status, code);

        var act = () => _twilio.Gateway.AttachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which;
        failure.OutcomeUnknown.Should().BeTrue();
        failure.HttpStatus.Should().Be((int)status);
        _twilio.Handler.Requests.Should().ContainSingle("attaching is a create: repeating it blindly is not safe");
    }

    [Fact]
    public async Task AttachPhoneNumber_answered_429_is_retried_because_Twilio_never_processed_it()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.TooManyRequests, 20429));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.Created, TrunkPhoneNumberJson(Sid1)));

        await _twilio.Gateway.AttachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        _twilio.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task AttachPhoneNumber_refused_by_Twilio_is_a_rejection_and_is_not_retried()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.BadRequest, 21220);

        var act = () => _twilio.Gateway.AttachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioRequestRejectedException>()).Which.TwilioErrorCode.Should().Be(21220);
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task AttachPhoneNumber_to_a_missing_trunk_is_not_found()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404);

        var act = () => _twilio.Gateway.AttachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        await act.Should().ThrowAsync<TwilioResourceNotFoundException>();
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task DetachPhoneNumber_deletes_the_number_from_the_trunk()
    {
        _twilio.Handler.Enqueue(_ => new HttpResponseMessage(HttpStatusCode.NoContent));

        await _twilio.Gateway.DetachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        var request = _twilio.Handler.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Delete);
        request.RequestUri!.AbsoluteUri.Should().Be($"{PhoneNumbersUrl}/{Sid1}");
        Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization!.Parameter!))
            .Should().Be($"{AccountSid}:{TwilioTestHarness.AuthToken}");
    }

    [Fact]
    public async Task DetachPhoneNumber_counts_a_number_that_is_not_attached_as_detached()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404);

        await _twilio.Gateway.DetachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        _twilio.Handler.Requests.Should().ContainSingle().Which.Method.Should().Be(HttpMethod.Delete);
    }

    [Fact]
    public async Task DetachPhoneNumber_is_retried_on_5xx_because_deleting_twice_is_harmless()
    {
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503));
        _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.InternalServerError, 20500));
        _twilio.Handler.Enqueue(_ => new HttpResponseMessage(HttpStatusCode.NoContent));

        await _twilio.Gateway.DetachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        _twilio.Handler.Requests.Should().HaveCount(3).And.AllSatisfy(r => r.RequestUri!.AbsoluteUri.Should().Be($"{PhoneNumbersUrl}/{Sid1}"));
    }

    [Fact]
    public async Task DetachPhoneNumber_is_unavailable_When_5xx_outlasts_the_retries()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.BadGateway, 20502);

        var act = () => _twilio.Gateway.DetachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.OutcomeUnknown.Should().BeFalse();
        _twilio.Handler.Requests.Should().HaveCount(_twilio.Options.Resilience.MaxRetryAttempts + 1);
    }

    [Fact]
    public async Task DetachPhoneNumber_rejected_by_Twilio_is_a_credentials_rejection()
    {
        _twilio.Handler.Default = _ => ScriptedTwilioHandler.TwilioError(HttpStatusCode.Unauthorized, 20003);

        var act = () => _twilio.Gateway.DetachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, Sid1, CancellationToken.None);

        await act.Should().ThrowAsync<TwilioCredentialsRejectedException>();
        _twilio.Handler.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData("PN0123")]
    [InlineData("PN00000000000000000000000000000001/../x")]
    [InlineData("PN00000000000000000000000000000001\n")]
    [InlineData("TK00000000000000000000000000000001")]
    [InlineData("PN0000000000000000000000000000000g")]
    [InlineData("")]
    public async Task A_malformed_phone_number_SID_never_reaches_a_request(string phoneNumberSid)
    {
        var find = () => _twilio.Gateway.FindIncomingPhoneNumberAsync(TwilioTestHarness.Credentials, phoneNumberSid, CancellationToken.None);
        var attach = () => _twilio.Gateway.AttachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, phoneNumberSid, CancellationToken.None);
        var detach = () => _twilio.Gateway.DetachPhoneNumberAsync(TwilioTestHarness.Credentials, TrunkSid, phoneNumberSid, CancellationToken.None);

        await find.Should().ThrowAsync<ArgumentException>();
        await attach.Should().ThrowAsync<ArgumentException>();
        await detach.Should().ThrowAsync<ArgumentException>();
        _twilio.Handler.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("TK0123")]
    [InlineData("TK0123456789abcdef0123456789abcdef/../x")]
    [InlineData("CL0123456789abcdef0123456789abcdef")]
    public async Task A_malformed_trunk_SID_never_reaches_a_request(string trunkSid)
    {
        var attach = () => _twilio.Gateway.AttachPhoneNumberAsync(TwilioTestHarness.Credentials, trunkSid, Sid1, CancellationToken.None);
        var detach = () => _twilio.Gateway.DetachPhoneNumberAsync(TwilioTestHarness.Credentials, trunkSid, Sid1, CancellationToken.None);

        await attach.Should().ThrowAsync<ArgumentException>();
        await detach.Should().ThrowAsync<ArgumentException>();
        _twilio.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task FindIncomingPhoneNumber_never_gets_a_malformed_account_SID_because_AccountSid_refuses_it()
    {
        const string accountSid = "AC0123456789abcdef0123456789abcdef/..";
        Domain.Twilio.AccountSid.TryParse(accountSid, out _).Should().BeFalse();

        var act = () => _twilio.Gateway.FindIncomingPhoneNumberAsync(
            new TwilioCredentials(Domain.Twilio.AccountSid.Parse(accountSid), TwilioAuthToken.From(TwilioTestHarness.AuthToken)),
            Sid1,
            CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentException>();
        _twilio.Handler.Requests.Should().BeEmpty();
    }
}
