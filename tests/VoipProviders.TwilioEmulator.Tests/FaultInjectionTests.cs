using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Trunking.V1;

namespace VoipProviders.TwilioEmulator.Tests;

public sealed class FaultInjectionTests : EmulatorTestBase
{
    [Fact]
    public async Task A_503_fault_surfaces_as_ApiException_and_the_next_call_succeeds()
    {
        State.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.Http(503));
        var client = Client();

        var act = () => AccountResource.FetchAsync(client: client);

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(503);
        error.Code.Should().Be(20503);
        error.Message.Should().Be("Service Unavailable");
        (await AccountResource.FetchAsync(client: client)).Sid.Should().Be(Account.Sid);
        State.RequestsFor(TwilioOperation.FetchAccount).Select(r => r.ResponseStatus).Should().Equal(503, 200);
        State.PendingFaults(TwilioOperation.FetchAccount).Should().Be(0);
    }

    [Fact]
    public async Task Faults_are_consumed_in_order_and_only_by_their_operation()
    {
        State.EnqueueFaults(TwilioOperation.ListTrunks, EmulatedFault.Http(500), EmulatedFault.Http(502, 20502, "Bad gateway upstream"));
        var client = Client();

        (await AccountResource.FetchAsync(client: client)).Should().NotBeNull();
        var first = () => TrunkResource.ReadAsync(client: client);
        (await first.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(500);
        var second = () => TrunkResource.ReadAsync(client: client);
        (await second.Should().ThrowAsync<ApiException>()).Which.Message.Should().Be("Bad gateway upstream");
        (await TrunkResource.ReadAsync(client: client)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_429_fault_sends_retry_after_only_when_asked()
    {
        State.EnqueueFaults(TwilioOperation.ListTrunks, EmulatedFault.RateLimited(retryAfter: "2"), EmulatedFault.RateLimited());
        var http = RawClient();

        using var withHeader = await http.GetAsync(new Uri("v1/Trunks", UriKind.Relative));
        using var withoutHeader = await http.GetAsync(new Uri("v1/Trunks", UriKind.Relative));

        withHeader.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        withHeader.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        withHeader.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var body = JsonDocument.Parse(await withHeader.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("code").GetInt32().Should().Be(20429);
        body.RootElement.GetProperty("message").GetString().Should().Be("Too Many Requests");
        body.RootElement.GetProperty("status").GetInt32().Should().Be(429);
        withoutHeader.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        withoutHeader.Headers.RetryAfter.Should().BeNull();
    }

    [Fact]
    public async Task A_429_fault_reaches_the_sdk_as_20429()
    {
        State.EnqueueFaults(TwilioOperation.CreateTrunk, EmulatedFault.RateLimited("1"));

        var act = () => TrunkResource.CreateAsync(friendlyName: "x", client: Client());

        var error = (await act.Should().ThrowAsync<ApiException>()).Which;
        error.Status.Should().Be(429);
        error.Code.Should().Be(20429);
        State.Trunks.Should().BeEmpty("a rate-limited request is never processed");
    }

    [Fact]
    public async Task Faults_apply_before_authentication()
    {
        State.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.Http(503));

        var act = () => AccountResource.FetchAsync(client: Client(authToken: "not-the-token"));

        (await act.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(503);
        State.Requests.Single().Authenticated.Should().BeFalse();
    }

    [Fact]
    public async Task ApplyThenFail_creates_the_trunk_but_answers_with_the_fault()
    {
        State.EnqueueFaults(TwilioOperation.CreateTrunk, EmulatedFault.AppliedThenFailed(500));
        var client = Client();

        var act = () => TrunkResource.CreateAsync(domainName: "ambiguous.pstn.twilio.com", client: client);

        (await act.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(500);
        State.Trunks.Should().ContainSingle().Which.DomainName.Should().Be("ambiguous.pstn.twilio.com");
        var retry = () => TrunkResource.CreateAsync(domainName: "ambiguous.pstn.twilio.com", client: client);
        (await retry.Should().ThrowAsync<ApiException>()).Which.Code.Should().Be(21248, "a blind retry of an ambiguous create collides with itself");
        State.RequestsFor(TwilioOperation.CreateTrunk)[0].Fault.Should().NotBeNull();
    }

    [Fact]
    public async Task Timeout_fault_outlasts_the_client_and_is_recorded_as_504()
    {
        State.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.Timeout(TimeSpan.FromSeconds(30)));
        var stopwatch = Stopwatch.StartNew();

        var act = () => AccountResource.FetchAsync(client: Client(timeout: TimeSpan.FromSeconds(3)));

        await act.Should().ThrowAsync<ApiConnectionException>();
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(25), "the client gives up long before the 30 s fault ends");
        State.Requests.Single().ResponseStatus.Should().Be(504);
        (await AccountResource.FetchAsync(client: Client())).Sid.Should().Be(Account.Sid);
    }

    [Fact]
    public async Task Connection_reset_fault_surfaces_as_a_connection_error()
    {
        State.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.ConnectionReset());

        var act = () => AccountResource.FetchAsync(client: Client());

        await act.Should().ThrowAsync<ApiConnectionException>();
    }

    [Fact]
    public async Task Latency_delays_matching_requests()
    {
        State.SetLatency(TwilioOperation.FetchAccount, TimeSpan.FromMilliseconds(250));
        var stopwatch = Stopwatch.StartNew();

        await AccountResource.FetchAsync(client: Client());

        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(240));
    }

    [Fact]
    public async Task Barrier_holds_requests_until_all_parties_arrive_then_releases_them_together()
    {
        State.SetBarrier(TwilioOperation.CreateTrunk, 3, TimeSpan.FromSeconds(10));
        var client = Client();

        var early = new[]
        {
            TrunkResource.CreateAsync(domainName: "race-1.pstn.twilio.com", client: client),
            TrunkResource.CreateAsync(domainName: "race-2.pstn.twilio.com", client: client),
        };
        var earlyDone = Task.WhenAll(early);
        var winner = await Task.WhenAny(earlyDone, Task.Delay(TimeSpan.FromMilliseconds(300)));

        winner.Should().NotBeSameAs(earlyDone);
        early.Should().OnlyContain(t => !t.IsCompleted, "two of three parties are still waiting at the barrier");
        State.Trunks.Should().BeEmpty();

        var last = TrunkResource.CreateAsync(domainName: "race-3.pstn.twilio.com", client: client);
        var all = await Task.WhenAll(early.Append(last)).WaitAsync(TimeSpan.FromSeconds(10));

        all.Should().HaveCount(3);
        State.Trunks.Should().HaveCount(3);
        (await TrunkResource.CreateAsync(domainName: "after.pstn.twilio.com", client: client)).Should().NotBeNull("the barrier is one-shot");
    }

    [Fact]
    public async Task Barrier_timeout_lets_a_lonely_party_proceed()
    {
        State.SetBarrier(TwilioOperation.FetchAccount, 2, TimeSpan.FromMilliseconds(200));
        var stopwatch = Stopwatch.StartNew();

        var account = await AccountResource.FetchAsync(client: Client());

        account.Sid.Should().Be(Account.Sid);
        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
    }
}
