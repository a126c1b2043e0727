using System.Net;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>
/// How the adapter pages through Twilio's lists, through the real SDK: a next page is requested only on the first page's
/// scheme, host and port (the request carries the tenant's Basic credentials), and a list stops at
/// <c>Twilio:MaxListPages</c>; Twilio's <c>PhoneNumber</c> filter goes on the first request and Twilio's links carry it on.
/// </summary>
public sealed class TwilioGatewayPagingTests
{
    private const string AccountSid = TwilioTestHarness.AccountSid;
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";
    private const string NumbersPath = $"/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json";
    private const string TrunkNumbersUrl = $"https://trunking.twilio.com/v1/Trunks/{TrunkSid}/PhoneNumbers";
    private const int MaxPages = 3;

    private readonly TwilioTestHarness _twilio = new(maxListPages: MaxPages);

    private static string Quoted(string? value) => value is null ? "null" : $"\"{value}\"";

    private static string NumberJson(int n) =>
        $$"""
        {"account_sid":"{{AccountSid}}","capabilities":{"mms":false,"sms":true,"voice":true},"friendly_name":"n{{n}}",
         "phone_number":"+1415555{{n:D4}}","sid":"PN{{n:D32}}","trunk_sid":null,
         "uri":"/2010-04-01/Accounts/{{AccountSid}}/IncomingPhoneNumbers/PN{{n:D32}}.json"}
        """;

    /// <summary>An api.v2010 list page whose next page is <paramref name="nextPageUri"/> (relative, as Twilio sends it).</summary>
    private static string NumbersPage(int page, string? nextPageUri, params int[] numbers) =>
        $$"""
        {"incoming_phone_numbers":[{{string.Join(",", numbers.Select(NumberJson))}}],
         "page":{{page}},"page_size":1000,"start":0,"end":0,"uri":"{{NumbersPath}}?PageSize=1000&Page={{page}}",
         "first_page_uri":"{{NumbersPath}}?PageSize=1000&Page=0","next_page_uri":{{Quoted(nextPageUri)}},"previous_page_uri":null}
        """;

    private static string NextNumbersPage(int page) => $"{NumbersPath}?PageSize=1000&Page={page}&PageToken=PA{page}";

    /// <summary>A trunking v1 list page whose next page is <paramref name="nextPageUrl"/> (absolute, inside <c>meta</c>).</summary>
    private static string TrunkNumbersPage(string? nextPageUrl) =>
        $$"""
        {"phone_numbers":[{"sid":"PN{{1:D32}}","trunk_sid":"{{TrunkSid}}","phone_number":"+14155550001","url":"{{TrunkNumbersUrl}}/PN{{1:D32}}"}],
         "meta":{"first_page_url":"{{TrunkNumbersUrl}}?PageSize=1000&Page=0","key":"phone_numbers","next_page_url":{{Quoted(nextPageUrl)}},
                 "page":0,"page_size":1000,"previous_page_url":null,"url":"{{TrunkNumbersUrl}}?PageSize=1000&Page=0"} }
        """;

    private void Answer(string json) => _twilio.Handler.Enqueue(_ => ScriptedTwilioHandler.Json(HttpStatusCode.OK, json));

    private Task<IReadOnlyList<TwilioIncomingNumber>> ListNumbersAsync(string? phoneNumberFilter = null) =>
        _twilio.Gateway.ListIncomingPhoneNumbersMatchingAsync(TwilioTestHarness.Credentials, phoneNumberFilter, CancellationToken.None);

    public static TheoryData<string, string> ForeignNumbersPages => new()
    {
        // The SDK puts "https://api.twilio.com" in front of a v2010 next_page_uri: these make that another host.
        { "@evil.example.com/2010-04-01/next.json", "https://evil.example.com:443" },
        { ".evil.example.com/2010-04-01/next.json", "https://api.twilio.com.evil.example.com:443" },
        { ":8443/2010-04-01/next.json", "https://api.twilio.com:8443" },
        { " /x y", "an unreadable URL" },
    };

    [Theory]
    [MemberData(nameof(ForeignNumbersPages))]
    public async Task A_v2010_next_page_that_resolves_to_another_origin_is_never_requested(string nextPageUri, string refusedOrigin)
    {
        Answer(NumbersPage(0, nextPageUri, 1));

        var act = () => ListNumbersAsync();

        (await act.Should().ThrowAsync<TwilioUnavailableException>()).Which.Message.Should().Contain("not followed");
        _twilio.Handler.Requests.Should().ContainSingle("only the first page, on api.twilio.com, carried the credentials")
            .Which.RequestUri!.Host.Should().Be("api.twilio.com");
        var refusal = _twilio.Logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 4007).Subject;
        refusal.Level.Should().Be(LogLevel.Warning);
        refusal.Message.Should().Contain(refusedOrigin).And.Contain("https://api.twilio.com:443");
    }

    [Theory]
    [InlineData("https://evil.example.com/v1/Trunks/TK0123456789abcdef0123456789abcdef/PhoneNumbers?Page=1")]
    [InlineData("http://trunking.twilio.com/v1/Trunks/TK0123456789abcdef0123456789abcdef/PhoneNumbers?Page=1")]
    [InlineData("https://trunking.twilio.com:8443/v1/Trunks/TK0123456789abcdef0123456789abcdef/PhoneNumbers?Page=1")]
    [InlineData("https://api.twilio.com/v1/Trunks/TK0123456789abcdef0123456789abcdef/PhoneNumbers?Page=1")]
    [InlineData("https://someone@trunking.twilio.com/v1/Trunks/TK0123456789abcdef0123456789abcdef/PhoneNumbers?Page=1")]
    [InlineData("/v1/Trunks/TK0123456789abcdef0123456789abcdef/PhoneNumbers?Page=1")]
    public async Task A_v1_next_page_url_on_another_scheme_host_or_port_or_with_user_information_is_never_requested(string nextPageUrl)
    {
        Answer(TrunkNumbersPage(nextPageUrl));

        var act = () => _twilio.Gateway.ListTrunkPhoneNumberSidsAsync(TwilioTestHarness.Credentials, TrunkSid, CancellationToken.None);

        await act.Should().ThrowAsync<TwilioUnavailableException>();
        _twilio.Handler.Requests.Should().ContainSingle().Which.RequestUri!.AbsoluteUri.Should().Be($"{TrunkNumbersUrl}?PageSize=1000");
    }

    [Fact]
    public async Task A_v1_next_page_url_on_the_first_pages_origin_is_followed_even_with_the_default_port_spelled_out()
    {
        Answer(TrunkNumbersPage($"https://TRUNKING.twilio.com:443/v1/Trunks/{TrunkSid}/PhoneNumbers?PageSize=1000&Page=1&PageToken=PA1"));
        Answer(TrunkNumbersPage(null));

        var sids = await _twilio.Gateway.ListTrunkPhoneNumberSidsAsync(TwilioTestHarness.Credentials, TrunkSid, CancellationToken.None);

        sids.Should().HaveCount(2);
        _twilio.Handler.Requests.Select(r => r.RequestUri!.AbsoluteUri).Should().Equal(
            $"{TrunkNumbersUrl}?PageSize=1000",
            $"{TrunkNumbersUrl}?PageSize=1000&Page=1&PageToken=PA1");
    }

    [Fact]
    public async Task A_list_that_never_ends_stops_at_the_page_cap_with_a_list_too_long_failure()
    {
        // Twilio (or something posing as it) links every page to yet another one.
        var page = 0;
        _twilio.Handler.Default = _ =>
        {
            page++;
            return ScriptedTwilioHandler.Json(HttpStatusCode.OK, NumbersPage(page - 1, NextNumbersPage(page), page));
        };

        var act = () => ListNumbersAsync();

        var failure = (await act.Should().ThrowAsync<TwilioListTooLongException>()).Which;
        failure.MaxPages.Should().Be(MaxPages);
        failure.PageSize.Should().Be(1000);
        failure.Code.Should().Be("twilio_list_too_long");
        failure.Facts.Should().Contain("maxPages", MaxPages);
        _twilio.Handler.Requests.Should().HaveCount(MaxPages, "no page past the cap is asked for");
        _twilio.Logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 4008);
    }

    [Fact]
    public async Task A_list_of_exactly_the_page_cap_is_read_whole()
    {
        Answer(NumbersPage(0, NextNumbersPage(1), 1));
        Answer(NumbersPage(1, NextNumbersPage(2), 2));
        Answer(NumbersPage(2, null, 3));

        var numbers = await ListNumbersAsync();

        numbers.Select(n => n.PhoneNumber).Should().Equal("+14155550001", "+14155550002", "+14155550003");
        _twilio.Handler.Requests.Should().HaveCount(MaxPages);
    }

    [Fact]
    public async Task Twilios_PhoneNumber_filter_goes_on_the_first_request_encoded()
    {
        Answer(NumbersPage(0, null, 1));

        await ListNumbersAsync("+1415");

        _twilio.Handler.Requests.Should().ContainSingle().Which.RequestUri!.AbsoluteUri
            .Should().Be($"https://api.twilio.com{NumbersPath}?PageSize=1000&PhoneNumber=%2B1415");
    }

    [Fact]
    public async Task Without_a_filter_the_whole_account_is_asked_for()
    {
        Answer(NumbersPage(0, null, 1));

        await _twilio.Gateway.ListIncomingPhoneNumbersAsync(TwilioTestHarness.Credentials, CancellationToken.None);

        _twilio.Handler.Requests.Should().ContainSingle().Which.RequestUri!.Query.Should().Be("?PageSize=1000");
    }
}
