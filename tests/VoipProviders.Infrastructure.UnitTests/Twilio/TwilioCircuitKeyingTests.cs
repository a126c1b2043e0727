using System.Net;
using VoipProviders.Application.Twilio;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.Infrastructure.UnitTests.Fakes;

namespace VoipProviders.Infrastructure.UnitTests.Twilio;

/// <summary>Circuit breakers per Twilio product host and Account SID: an outage pauses only what is failing.</summary>
public sealed class TwilioCircuitKeyingTests
{
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";
    private const string CredentialListSid = "CL0123456789abcdef0123456789abcdef";
    private const string PhoneNumberSid = "PN0123456789abcdef0123456789abcdef";
    private const string OriginationUrlSid = "OU0123456789abcdef0123456789abcdef";
    private const string SipCredentialSid = "CR0123456789abcdef0123456789abcdef";

    private static readonly TwilioOriginationUrlSpec OriginationSpec =
        new("VoipProviders origination 1", "sip:abcdefghijklmnopqrstuvwx.in1.voice.example.com:5061;transport=tls", 10, 10, Enabled: true);
    private static readonly TwilioCredentials AccountA = TwilioAdapter.Account(1);
    private static readonly TwilioCredentials AccountB = TwilioAdapter.Account(2);
    private static readonly HashSet<string> CleanUpDeletes =
        [nameof(ITwilioGateway.DeleteTrunkAsync), nameof(ITwilioGateway.DeleteCredentialListAsync), nameof(ITwilioGateway.DeleteSipCredentialAsync), nameof(ITwilioGateway.DeleteSecondaryAuthTokenAsync)];

    public static TheoryData<string, string> GatewayOperations => new()
    {
        { nameof(ITwilioGateway.GetActiveAccountAsync), "api" },
        { nameof(ITwilioGateway.CreateTrunkAsync), "trunking" },
        { nameof(ITwilioGateway.FindTrunkByDomainNameAsync), "trunking" },
        { nameof(ITwilioGateway.UpdateTrunkTransferModeAsync), "trunking" },
        { nameof(ITwilioGateway.ListIncomingPhoneNumbersAsync), "api" },
        { nameof(ITwilioGateway.ListIncomingPhoneNumbersMatchingAsync), "api" },
        { nameof(ITwilioGateway.FindIncomingPhoneNumberAsync), "api" },
        { nameof(ITwilioGateway.AttachPhoneNumberAsync), "trunking" },
        { nameof(ITwilioGateway.DetachPhoneNumberAsync), "trunking" },
        { nameof(ITwilioGateway.FetchTrunkAsync), "trunking" },
        { nameof(ITwilioGateway.IsCredentialListAssociatedAsync), "trunking" },
        { nameof(ITwilioGateway.ListSipCredentialUsernamesAsync), "api" },
        { nameof(ITwilioGateway.ListTrunkPhoneNumberSidsAsync), "trunking" },
        { nameof(ITwilioGateway.DeleteTrunkAsync), "trunking" },
        { nameof(ITwilioGateway.CreateCredentialListAsync), "api" },
        { nameof(ITwilioGateway.FindCredentialListByFriendlyNameAsync), "api" },
        { nameof(ITwilioGateway.DeleteCredentialListAsync), "api" },
        { nameof(ITwilioGateway.CreateSecondaryAuthTokenAsync), "accounts" },
        { nameof(ITwilioGateway.DeleteSecondaryAuthTokenAsync), "accounts" },
        { nameof(ITwilioGateway.PromoteSecondaryAuthTokenAsync), "accounts" },
        { nameof(ITwilioGateway.CreateSipCredentialAsync), "api" },
        { nameof(ITwilioGateway.AssociateCredentialListAsync), "trunking" },
        { nameof(ITwilioGateway.UpdateTrunkSecureAsync), "trunking" },
        { nameof(ITwilioGateway.UpdateTrunkDomainNameAsync), "trunking" },
        { nameof(ITwilioGateway.ListOriginationUrlsAsync), "trunking" },
        { nameof(ITwilioGateway.CreateOriginationUrlAsync), "trunking" },
        { nameof(ITwilioGateway.UpdateOriginationUrlAsync), "trunking" },
        { nameof(ITwilioGateway.DeleteOriginationUrlAsync), "trunking" },
        { nameof(ITwilioGateway.ListSipCredentialsAsync), "api" },
        { nameof(ITwilioGateway.DeleteSipCredentialAsync), "api" },
    };

    [Fact]
    public async Task One_accounts_outage_opens_only_that_accounts_circuit()
    {
        var handler = new ProbeTwilioHandler((request, _) => Task.FromResult(
            ProbeTwilioHandler.AccountOf(request) == AccountA.AccountSid.Value
                ? ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503)
                : Account()));
        var twilio = new TwilioAdapter(handler, BreakerAfterThreeFailures());
        await FailThreeTimesAsync(() => twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None));

        var rejected = (await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None))
            .Should().ThrowAsync<TwilioUnavailableException>()).Which;
        rejected.CircuitOpen.Should().BeTrue();
        rejected.RetryAfter.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        handler.Requests.Should().HaveCount(3, "A's open circuit does not call Twilio");

        for (var i = 0; i < 5; i++)
        {
            (await twilio.Gateway.GetActiveAccountAsync(AccountB, CancellationToken.None)).IsActive.Should().BeTrue("B's circuit is its own");
        }

        handler.Requests.Should().HaveCount(8);
    }

    [Fact]
    public async Task A_failing_trunking_host_does_not_open_the_api_circuit_of_the_same_account()
    {
        var handler = new ProbeTwilioHandler((request, _) => Task.FromResult(
            request.RequestUri!.Host.StartsWith("trunking.", StringComparison.Ordinal)
                ? ScriptedTwilioHandler.TwilioError(HttpStatusCode.BadGateway, 20502)
                : Account()));
        var twilio = new TwilioAdapter(handler, BreakerAfterThreeFailures());
        await FailThreeTimesAsync(() => twilio.Gateway.FetchTrunkAsync(AccountA, TrunkSid, CancellationToken.None));

        (await FluentActions.Awaiting(() => twilio.Gateway.UpdateTrunkTransferModeAsync(AccountA, TrunkSid, true, CancellationToken.None))
            .Should().ThrowAsync<TwilioUnavailableException>()).Which.CircuitOpen.Should().BeTrue("trunking's circuit is open");
        (await twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None)).IsActive.Should().BeTrue("api's circuit is closed");
        twilio.Pipeline.CircuitKeys().Should().BeEquivalentTo(
            [new TwilioCircuitKey("trunking", AccountA.AccountSid.Value), new TwilioCircuitKey("api", AccountA.AccountSid.Value)]);
    }

    [Fact]
    public async Task ResetCircuitAsync_closes_every_accounts_circuits()
    {
        var failing = true;
        var handler = new ProbeTwilioHandler((_, _) => Task.FromResult(
            Volatile.Read(ref failing) ? ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503) : Account()));
        var twilio = new TwilioAdapter(handler, BreakerAfterThreeFailures());
        foreach (var account in new[] { AccountA, AccountB })
        {
            await FailThreeTimesAsync(() => twilio.Gateway.GetActiveAccountAsync(account, CancellationToken.None));
            (await FluentActions.Awaiting(() => twilio.Gateway.GetActiveAccountAsync(account, CancellationToken.None))
                .Should().ThrowAsync<TwilioUnavailableException>()).Which.CircuitOpen.Should().BeTrue();
        }

        Volatile.Write(ref failing, false);
        await twilio.Pipeline.ResetCircuitAsync();

        (await twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None)).IsActive.Should().BeTrue();
        (await twilio.Gateway.GetActiveAccountAsync(AccountB, CancellationToken.None)).IsActive.Should().BeTrue();
    }

    [Fact]
    public void The_operation_table_covers_the_whole_gateway() =>
        GatewayOperations.Select(row => (string)row[0]).Should().BeEquivalentTo(typeof(ITwilioGateway).GetMethods().Select(method => method.Name));

    [Theory]
    [MemberData(nameof(GatewayOperations))]
    public async Task Every_gateway_operation_but_the_clean_up_deletes_counts_against_the_circuit_of_the_host_it_calls(string operation, string product)
    {
        var handler = new ProbeTwilioHandler((_, _) => Task.FromResult(ScriptedTwilioHandler.TwilioError(HttpStatusCode.BadRequest, 20001)));
        var twilio = new TwilioAdapter(handler);

        await FluentActions.Awaiting(() => Call(twilio.Gateway, operation)).Should().ThrowAsync<TwilioRequestRejectedException>();

        handler.Requests.Should().ContainSingle().Which.RequestUri!.Host.Should().StartWith(product + ".");
        if (CleanUpDeletes.Contains(operation))
        {
            twilio.Pipeline.CircuitKeys().Should().BeEmpty("deleting what the module created bypasses the breaker");
        }
        else
        {
            twilio.Pipeline.CircuitKeys().Should().Equal(new TwilioCircuitKey(product, AccountA.AccountSid.Value));
        }
    }

    [Theory]
    [InlineData(nameof(ITwilioGateway.DeleteTrunkAsync), "trunking")]
    [InlineData(nameof(ITwilioGateway.DeleteCredentialListAsync), "api")]
    public async Task Clean_up_deletes_reach_Twilio_while_the_accounts_circuit_is_open_and_are_not_counted_by_it(string operation, string product)
    {
        var outage = true;
        var handler = new ProbeTwilioHandler((request, _) => Task.FromResult(
            request.Method == HttpMethod.Delete
                ? new HttpResponseMessage(HttpStatusCode.NoContent)
                : Volatile.Read(ref outage)
                    ? ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503)
                    : ScriptedTwilioHandler.TwilioError(HttpStatusCode.NotFound, 20404)));
        var twilio = new TwilioAdapter(handler, BreakerAfterThreeFailures());
        Func<Task> read = product == "trunking"
            ? () => twilio.Gateway.FetchTrunkAsync(AccountA, TrunkSid, CancellationToken.None)
            : () => twilio.Gateway.ListSipCredentialUsernamesAsync(AccountA, CredentialListSid, CancellationToken.None);
        await FailThreeTimesAsync(read);
        (await FluentActions.Awaiting(read).Should().ThrowAsync<TwilioUnavailableException>()).Which.CircuitOpen.Should().BeTrue();

        await Call(twilio.Gateway, operation);

        handler.Requests.Should().HaveCount(4, "three failed reads, then the delete despite the open circuit");
        handler.Requests.Last().Method.Should().Be(HttpMethod.Delete);
        handler.Requests.Last().RequestUri!.Host.Should().StartWith(product + ".");
        (await FluentActions.Awaiting(read).Should().ThrowAsync<TwilioUnavailableException>()).Which.CircuitOpen
            .Should().BeTrue("the delete neither closed nor reset the circuit");
        handler.Requests.Should().HaveCount(4);
    }

    [Fact]
    public async Task A_failing_clean_up_delete_does_not_open_the_circuit()
    {
        var handler = new ProbeTwilioHandler((request, _) => Task.FromResult(
            request.Method == HttpMethod.Delete ? ScriptedTwilioHandler.TwilioError(HttpStatusCode.ServiceUnavailable, 20503) : Account()));
        var twilio = new TwilioAdapter(handler, BreakerAfterThreeFailures());

        for (var i = 0; i < 5; i++)
        {
            (await FluentActions.Awaiting(() => twilio.Gateway.DeleteTrunkAsync(AccountA, TrunkSid, CancellationToken.None))
                .Should().ThrowAsync<TwilioUnavailableException>()).Which.CircuitOpen.Should().BeFalse();
        }

        handler.Requests.Should().HaveCount(5, "every delete was tried");
        (await twilio.Gateway.GetActiveAccountAsync(AccountA, CancellationToken.None)).IsActive.Should().BeTrue();
    }

    private static Task Call(ITwilioGateway gateway, string operation)
    {
        var none = CancellationToken.None;
        return operation switch
        {
            nameof(ITwilioGateway.GetActiveAccountAsync) => gateway.GetActiveAccountAsync(AccountA, none),
            nameof(ITwilioGateway.CreateTrunkAsync) => gateway.CreateTrunkAsync(AccountA, new CreateTwilioTrunkRequest("T", "vp-1.pstn.twilio.com", false), none),
            nameof(ITwilioGateway.FindTrunkByDomainNameAsync) => gateway.FindTrunkByDomainNameAsync(AccountA, "vp-1.pstn.twilio.com", none),
            nameof(ITwilioGateway.UpdateTrunkTransferModeAsync) => gateway.UpdateTrunkTransferModeAsync(AccountA, TrunkSid, true, none),
            nameof(ITwilioGateway.ListIncomingPhoneNumbersAsync) => gateway.ListIncomingPhoneNumbersAsync(AccountA, none),
            nameof(ITwilioGateway.ListIncomingPhoneNumbersMatchingAsync) => gateway.ListIncomingPhoneNumbersMatchingAsync(AccountA, "+1415", none),
            nameof(ITwilioGateway.FindIncomingPhoneNumberAsync) => gateway.FindIncomingPhoneNumberAsync(AccountA, PhoneNumberSid, none),
            nameof(ITwilioGateway.AttachPhoneNumberAsync) => gateway.AttachPhoneNumberAsync(AccountA, TrunkSid, PhoneNumberSid, none),
            nameof(ITwilioGateway.DetachPhoneNumberAsync) => gateway.DetachPhoneNumberAsync(AccountA, TrunkSid, PhoneNumberSid, none),
            nameof(ITwilioGateway.FetchTrunkAsync) => gateway.FetchTrunkAsync(AccountA, TrunkSid, none),
            nameof(ITwilioGateway.IsCredentialListAssociatedAsync) => gateway.IsCredentialListAssociatedAsync(AccountA, TrunkSid, CredentialListSid, none),
            nameof(ITwilioGateway.ListSipCredentialUsernamesAsync) => gateway.ListSipCredentialUsernamesAsync(AccountA, CredentialListSid, none),
            nameof(ITwilioGateway.ListTrunkPhoneNumberSidsAsync) => gateway.ListTrunkPhoneNumberSidsAsync(AccountA, TrunkSid, none),
            nameof(ITwilioGateway.DeleteTrunkAsync) => gateway.DeleteTrunkAsync(AccountA, TrunkSid, none),
            nameof(ITwilioGateway.CreateCredentialListAsync) => gateway.CreateCredentialListAsync(AccountA, "list", none),
            nameof(ITwilioGateway.FindCredentialListByFriendlyNameAsync) => gateway.FindCredentialListByFriendlyNameAsync(AccountA, "list", none),
            nameof(ITwilioGateway.DeleteCredentialListAsync) => gateway.DeleteCredentialListAsync(AccountA, CredentialListSid, none),
            nameof(ITwilioGateway.CreateSecondaryAuthTokenAsync) => gateway.CreateSecondaryAuthTokenAsync(AccountA, none),
            nameof(ITwilioGateway.DeleteSecondaryAuthTokenAsync) => gateway.DeleteSecondaryAuthTokenAsync(AccountA, none),
            nameof(ITwilioGateway.PromoteSecondaryAuthTokenAsync) => gateway.PromoteSecondaryAuthTokenAsync(AccountA, none),
            nameof(ITwilioGateway.CreateSipCredentialAsync) => gateway.CreateSipCredentialAsync(AccountA, CredentialListSid, "user", "Secret-Password-1", none),
            nameof(ITwilioGateway.AssociateCredentialListAsync) => gateway.AssociateCredentialListAsync(AccountA, TrunkSid, CredentialListSid, none),
            nameof(ITwilioGateway.UpdateTrunkSecureAsync) => gateway.UpdateTrunkSecureAsync(AccountA, TrunkSid, true, none),
            nameof(ITwilioGateway.UpdateTrunkDomainNameAsync) => gateway.UpdateTrunkDomainNameAsync(AccountA, TrunkSid, "vp-1.pstn.twilio.com", none),
            nameof(ITwilioGateway.ListOriginationUrlsAsync) => gateway.ListOriginationUrlsAsync(AccountA, TrunkSid, none),
            nameof(ITwilioGateway.CreateOriginationUrlAsync) => gateway.CreateOriginationUrlAsync(AccountA, TrunkSid, OriginationSpec, none),
            nameof(ITwilioGateway.UpdateOriginationUrlAsync) => gateway.UpdateOriginationUrlAsync(AccountA, TrunkSid, OriginationUrlSid, OriginationSpec, none),
            nameof(ITwilioGateway.DeleteOriginationUrlAsync) => gateway.DeleteOriginationUrlAsync(AccountA, TrunkSid, OriginationUrlSid, none),
            nameof(ITwilioGateway.ListSipCredentialsAsync) => gateway.ListSipCredentialsAsync(AccountA, CredentialListSid, none),
            nameof(ITwilioGateway.DeleteSipCredentialAsync) => gateway.DeleteSipCredentialAsync(AccountA, CredentialListSid, SipCredentialSid, none),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Add the new gateway operation here."),
        };
    }

    private static TwilioOptions BreakerAfterThreeFailures() => new()
    {
        Resilience = new TwilioResilienceOptions
        {
            MaxRetryAttempts = 0,
            CircuitMinimumThroughput = 3,
            CircuitFailureRatio = 0.5,
            CircuitBreakDuration = TimeSpan.FromSeconds(30),
        },
    };

    private static async Task FailThreeTimesAsync(Func<Task> call)
    {
        for (var i = 0; i < 3; i++)
        {
            (await FluentActions.Awaiting(call).Should().ThrowAsync<TwilioUnavailableException>()).Which.CircuitOpen.Should().BeFalse();
        }
    }

    private static HttpResponseMessage Account() => ScriptedTwilioHandler.Json(HttpStatusCode.OK, TwilioTestHarness.AccountJson());
}
