using System.Net;
using System.Net.Http.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.IntegrationTests.Persistence;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Security;

/// <summary>
/// The Auth Token (and its Basic-auth form) never reaches the database, a log record (message, state, scopes,
/// exception) or the response — on the failure paths too, where exceptions carry the most context.
/// </summary>
public sealed class SecretsOnFailurePathsTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const int Attempts = VoipProvidersApiFactory.MaxRetryAttempts + 1;

    public static TheoryData<string, TwilioOperation, EmulatedFault[], HttpStatusCode> CreateFailures => new()
    {
        { "401 from Twilio", TwilioOperation.FetchAccount, [EmulatedFault.Http(401)], HttpStatusCode.UnprocessableEntity },
        { "500 beyond the retries", TwilioOperation.FetchAccount, [.. Enumerable.Repeat(EmulatedFault.Http(500), Attempts)], HttpStatusCode.BadGateway },
        { "429 beyond the retries", TwilioOperation.FetchAccount, [.. Enumerable.Repeat(EmulatedFault.RateLimited(), Attempts)], HttpStatusCode.ServiceUnavailable },
        { "connection resets", TwilioOperation.FetchAccount, [.. Enumerable.Repeat(EmulatedFault.ConnectionReset(), Attempts)], HttpStatusCode.BadGateway },
        { "a create that fails after the trunk exists (compensation)", TwilioOperation.CreateCredential, [EmulatedFault.Http(500)], HttpStatusCode.BadGateway },
        { "an ambiguous create (applied, then 500)", TwilioOperation.AssociateCredentialList, [EmulatedFault.AppliedThenFailed()], HttpStatusCode.BadGateway },
    };

    [Theory]
    [MemberData(nameof(CreateFailures))]
    public async Task A_failed_create_leaks_no_secret(string path, TwilioOperation operation, EmulatedFault[] faults, HttpStatusCode expected)
    {
        var builder = NewProvider();
        Twilio.EnqueueFaults(operation, faults);

        using var response = await CreateProviderAsync(builder.Body());
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(expected, path);
        await AssertSecretsNotLeakedAsync([builder.Account.AuthToken], builder.Account.Sid, body);
    }

    [Fact]
    public async Task A_create_that_times_out_leaks_no_secret()
    {
        var builder = NewProvider();
        Twilio.SetLatency(TwilioOperation.FetchAccount, TimeSpan.FromSeconds(30));
        // The replica with short Twilio timeouts serves the create (a second, not five); the fixture's host runs its jobs.
        var replica = await Fixture.ShortTwilioTimeoutsHostAsync();
        using var client = replica.ClientFor(OrgA);

        using var response = await client.PostAsJsonAsync(TwilioProvidersPath, builder.Body());

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        await AssertSecretsNotLeakedAsync(
            [replica.Logs, Fixture.Logs], [builder.Account.AuthToken], builder.Account.Sid, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rotation_refused_by_an_open_circuit_leaks_neither_token()
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var newToken = NewToken();
        await Fixture.ResetCircuitAsync();
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, [.. Enumerable.Repeat(EmulatedFault.Http(503), 20)]);
        var bodies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await RotateAsync(id, new { authToken = newToken });
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        bodies.Should().Contain(b => b.Contains("twilio_circuit_open", StringComparison.Ordinal), "the circuit opened");
        await AssertSecretsNotLeakedAsync([builder.Account.AuthToken, newToken], builder.Account.Sid, [.. bodies]);
    }

    [Fact]
    public async Task A_create_whose_commit_fails_leaks_no_secret()
    {
        var interceptor = new LostCommitInterceptor();
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor);
        var builder = NewProvider();
        interceptor.FailNextCommitsBeforeTheServer(times: 1000);

        using var response = await host.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, builder.Body());
        var body = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(500);
        Twilio.Trunks.Should().BeEmpty("compensated");
        await AssertSecretsNotLeakedAsync(host.Logs, [builder.Account.AuthToken], builder.Account.Sid, body);
    }
}
