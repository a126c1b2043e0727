using System.Net;
using System.Net.Sockets;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

/// <summary>
/// Twilio's list answers name their next page in the body. The host follows one only to the first page's scheme, host
/// and port (the request carries the tenant's Basic credentials), and reads at most <c>Twilio:MaxListPages</c> (20) pages.
/// A second listener stands where a hostile next page points: nothing may ever connect to it.
/// </summary>
public sealed class TwilioListPagingTests(IntegrationFixture fixture) : IntegrationTest(fixture), IDisposable
{
    private const int DefaultMaxListPages = 20;

    /// <summary>The gateway's log record of a next page it refused to follow (TwilioGatewayLog.NextPageRefused).</summary>
    private const int NextPageRefusedEvent = 4007;

    private readonly TcpListener _elsewhere = StartListener();

    public void Dispose() => _elsewhere.Stop();

    private int ElsewherePort => ((IPEndPoint)_elsewhere.LocalEndpoint).Port;

    private static TcpListener StartListener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    [Fact]
    public async Task An_account_list_whose_pages_never_end_stops_at_20_pages_with_422_twilio_list_too_long()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        // Every answer links to itself as its next page.
        Twilio.SetNextPageLink(
            TwilioOperation.ListIncomingPhoneNumbers, $"/2010-04-01/Accounts/{provider.Account.Sid}/IncomingPhoneNumbers.json?PageSize=1000&Page=0");

        using var response = await ListAvailableNumbersAsync(id);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "twilio_list_too_long");
        problem.GetProperty("maxPages").GetInt32().Should().Be(DefaultMaxListPages);
        problem.GetProperty("pageSize").GetInt32().Should().Be(1000);
        problem.GetProperty("detail").GetString().Should().Contain("phoneNumber");
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().HaveCount(DefaultMaxListPages, "no page past the cap is asked for");
    }

    [Fact]
    public async Task A_numbers_page_whose_next_page_points_at_another_host_is_not_followed_and_nothing_reaches_that_host()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        // A v2010 next_page_uri is relative; the SDK puts "https://api.twilio.com" in front, and "@host:port" moves it there.
        Twilio.SetNextPageLink(
            TwilioOperation.ListIncomingPhoneNumbers, $"@127.0.0.1:{ElsewherePort}/2010-04-01/Accounts/{provider.Account.Sid}/IncomingPhoneNumbers.json?Page=1");

        using var response = await ListAvailableNumbersAsync(id);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "twilio_unavailable");
        Twilio.RequestsFor(TwilioOperation.ListIncomingPhoneNumbers).Should().ContainSingle("only the first page was requested");
        _elsewhere.Pending().Should().BeFalse("no request, so no credentials, went to the other host");
        Fixture.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == NextPageRefusedEvent)
            .Which.Message.Should().Contain($"https://127.0.0.1:{ElsewherePort}");
        await AssertSecretsNotLeakedAsync([provider.Account.AuthToken], provider.Account.Sid, problem.ToString());
    }

    [Fact]
    public async Task A_trunk_numbers_page_whose_absolute_next_page_url_points_at_another_host_is_not_followed_and_the_verification_is_inconclusive()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        await ImportAllAsync(id, number.Sid);
        var trunkSid = Twilio.Trunks.Single().Sid;
        // Plain http: had the host followed it, the Basic credentials would have arrived here in clear.
        Twilio.SetNextPageLink(TwilioOperation.ListTrunkPhoneNumbers, $"http://127.0.0.1:{ElsewherePort}/v1/Trunks/{trunkSid}/PhoneNumbers?PageSize=1000&Page=1");

        using var response = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/verify", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "twilio_unavailable");
        Twilio.RequestsFor(TwilioOperation.ListTrunkPhoneNumbers).Should().ContainSingle();
        _elsewhere.Pending().Should().BeFalse("no request, so no credentials, went to the other host");
        Fixture.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == NextPageRefusedEvent)
            .Which.Message.Should().Contain($"http://127.0.0.1:{ElsewherePort}").And.Contain("https://trunking.twilio.com:443");
    }
}
