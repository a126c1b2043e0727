using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>
/// Issue 8 §6, the fault matrix: every Twilio step of every endpoint × {401, 404, 429 beyond the retries, 500 beyond the
/// retries, timeout, connection reset}. Whatever Twilio does, the API never answers 500, the database is never left in a
/// half state and no resource is left behind in the tenant's (emulated) Twilio account. The request under a timeout goes
/// to the fixture's replica with short Twilio timeouts (<see cref="IntegrationFixture.ShortTwilioTimeoutsHostAsync"/>),
/// so each such case waits a second for Twilio instead of five; every other request goes to the fixture's host.
/// </summary>
public sealed class FaultMatrixTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string Create = "create";
    private const string Rotate = "rotate";
    private const string Update = "update";
    private const string Import = "import-numbers";
    private const string Remove = "remove-number";
    private const string Verify = "verify";
    private const string RotateSip = "rotate-sip-credential";

    private const string Unauthorized = "401";
    private const string NotFound = "404";
    private const string RateLimited = "429 beyond retries";
    private const string ServerError = "500 beyond retries";
    private const string Timeout = "timeout";
    private const string ConnectionReset = "connection reset";

    private static readonly string[] Faults = [Unauthorized, NotFound, RateLimited, ServerError, Timeout, ConnectionReset];

    private static readonly (string Endpoint, TwilioOperation Operation)[] Steps =
    [
        (Create, TwilioOperation.FetchAccount),
        (Create, TwilioOperation.CreateTrunk),
        (Create, TwilioOperation.CreateCredentialList),
        (Create, TwilioOperation.CreateCredential),
        (Create, TwilioOperation.AssociateCredentialList),
        (Create, TwilioOperation.CreateOriginationUrl),
        (Rotate, TwilioOperation.FetchAccount),
        (Update, TwilioOperation.FetchAccount),
        (Update, TwilioOperation.UpdateTrunk),
        (Import, TwilioOperation.FetchAccount),
        (Import, TwilioOperation.ListIncomingPhoneNumbers),
        (Import, TwilioOperation.AttachPhoneNumber),
        (Remove, TwilioOperation.DetachPhoneNumber),
        (Verify, TwilioOperation.FetchAccount),
        (Verify, TwilioOperation.FetchTrunk),
        (Verify, TwilioOperation.ListCredentials),
        (Verify, TwilioOperation.ListTrunkPhoneNumbers),
        (Verify, TwilioOperation.ListOriginationUrls),
        (RotateSip, TwilioOperation.CreateCredential),
    ];

    public static TheoryData<string, TwilioOperation, string> Matrix
    {
        get
        {
            var data = new TheoryData<string, TwilioOperation, string>();
            foreach (var (endpoint, operation) in Steps)
            {
                foreach (var fault in Faults)
                {
                    data.Add(endpoint, operation, fault);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_Twilio_fault_never_answers_500_never_leaves_a_half_state_and_never_orphans_a_resource(
        string endpoint,
        TwilioOperation operation,
        string fault)
    {
        switch (endpoint)
        {
            case Create:
                await CreateCaseAsync(operation, fault);
                break;
            case Rotate:
                await RotateCaseAsync(operation, fault);
                break;
            case Update:
                await UpdateCaseAsync(operation, fault);
                break;
            case Import:
                await ImportCaseAsync(operation, fault);
                break;
            case Remove:
                await RemoveCaseAsync(operation, fault);
                break;
            case Verify:
                await VerifyCaseAsync(operation, fault);
                break;
            case RotateSip:
                await RotateSipCaseAsync(operation, fault);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown endpoint.");
        }
    }

    private async Task CreateCaseAsync(TwilioOperation operation, string fault)
    {
        var builder = NewProvider();

        var outcome = await UnderFaultAsync(Create, operation, fault, client => client.PostAsJsonAsync(TwilioProvidersPath, builder.Body()));

        (await Database.CountProvidersAsync()).Should().Be(0, outcome.Describe("no provider row after a failed create"));
        await EventuallyAsync(
            async () => Twilio.Trunks.Count == 0 && Twilio.CredentialLists.Count == 0 && await Database.CountCleanupsAsync() == 0,
            outcome.Describe("no trunk, no credential list and no pending clean-up remain"));
    }

    private async Task RotateCaseAsync(TwilioOperation operation, string fault)
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var newToken = NewToken();
        Twilio.SetAuthToken(builder.Account.Sid, newToken);
        var before = await Database.ProviderRowSnapshotAsync(id);

        var outcome = await UnderFaultAsync(
            Rotate, operation, fault, client => SendJsonAsync(client, HttpMethod.Patch, $"{TwilioProvidersPath}/{id}/auth-token", new { authToken = newToken }));

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, outcome.Describe("a failed rotation does not write the row"));
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
    }

    private async Task UpdateCaseAsync(TwilioOperation operation, string fault)
    {
        var id = await NewProvider().ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);

        var outcome = await UnderFaultAsync(
            Update, operation, fault, client => SendJsonAsync(client, HttpMethod.Put, $"{TwilioProvidersPath}/{id}", new { supportsCallTransfer = true }));

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, outcome.Describe("a failed update does not write the row"));
        var stored = await Database.ColumnAsync(id, "supports_call_transfer");
        Twilio.Trunks.Single().TransferMode.Should().Be(
            stored == "true" ? "enable-all" : "disable-all",
            outcome.Describe("the trunk's transfer mode follows what is stored"));
    }

    private async Task ImportCaseAsync(TwilioOperation operation, string fault)
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(builder.Account.Sid, "+14155550101");
        var before = await Database.ProviderRowSnapshotAsync(id);

        var outcome = await UnderFaultAsync(
            Import, operation, fault, client => SendJsonAsync(client, HttpMethod.Post, $"{TwilioProvidersPath}/{id}/import-numbers", new { phoneNumberSids = new[] { number.Sid } }));

        if (outcome.Status == HttpStatusCode.OK)
        {
            var result = JsonDocument.Parse(outcome.Body).RootElement;
            result.GetProperty("failedCount").GetInt32().Should().Be(1, outcome.Describe("the number is reported as failed"));
        }

        (await Database.CountImportedNumbersAsync()).Should().Be(0, outcome.Describe("no imported number is recorded"));
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, outcome.Describe("the provider row is untouched"));
        Twilio.PhoneNumbers.Single(n => n.Sid == number.Sid).TrunkSid.Should().BeNull(outcome.Describe("the number is not left attached to the trunk"));
    }

    private async Task RemoveCaseAsync(TwilioOperation operation, string fault)
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(builder.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();
        var before = await Database.ProviderRowSnapshotAsync(id);

        var outcome = await UnderFaultAsync(Remove, operation, fault, client => client.DeleteAsync($"{TwilioProvidersPath}/{id}/phone-numbers/{numberId}"));

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, outcome.Describe("the provider row is untouched"));
        if (outcome.Status == HttpStatusCode.NoContent)
        {
            // Twilio's 404 (code 20404) on the detach says the number is no longer on the trunk: the removal is done.
            // (The emulator injected the 404 before the detach took effect, so its own state is not meaningful here.)
            (await Database.CountImportedNumbersAsync()).Should().Be(0, outcome.Describe("a completed removal forgets the number"));
            return;
        }

        (await Database.CountImportedNumbersAsync()).Should().Be(1, outcome.Describe("a failed removal keeps the imported number"));
        Twilio.PhoneNumbers.Single(n => n.Sid == number.Sid).TrunkSid.Should().NotBeNull(outcome.Describe("the number stays on the trunk, as stored"));
    }

    private async Task RotateSipCaseAsync(TwilioOperation operation, string fault)
    {
        var id = await NewProvider().ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);
        var credentialsBefore = Twilio.CredentialLists.Single().Credentials.Select(c => c.Sid).ToList();

        var outcome = await UnderFaultAsync(RotateSip, operation, fault, client => client.PostAsync($"{TwilioProvidersPath}/{id}/sip-credential/rotate", null));

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, outcome.Describe("a failed SIP rotation does not write the row"));
        await EventuallyAsync(
            () => Task.FromResult(Twilio.CredentialLists.Single().Credentials.Select(c => c.Sid).SequenceEqual(credentialsBefore)),
            outcome.Describe("the credential list holds only the credential it had (a create in doubt is found and deleted)"));
    }

    private async Task VerifyCaseAsync(TwilioOperation operation, string fault)
    {
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        // An imported number, so the phone-number check calls Twilio (ListTrunkPhoneNumbers) too.
        var number = Twilio.AddIncomingPhoneNumber(builder.Account.Sid, "+14155550101");
        await ImportAllAsync(id, number.Sid);
        var before = await Database.ProviderRowSnapshotAsync(id);

        var outcome = await UnderFaultAsync(Verify, operation, fault, client => client.PostAsync($"{TwilioProvidersPath}/{id}/verify", null));

        if (outcome.Status != HttpStatusCode.OK)
        {
            (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before, outcome.Describe("an inconclusive verification changes nothing"));
        }
        else
        {
            var result = JsonDocument.Parse(outcome.Body).RootElement;
            result.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("status").GetString())
                .Should().Equal(ExpectedChecks(operation, fault), outcome.Describe("the conclusive verification's checks"));
            (await Database.ColumnAsync(id, "verification_status")).Should().Be(
                result.GetProperty("status").GetString(), outcome.Describe("the conclusive outcome is stored"));
        }

        (await Database.CountImportedNumbersAsync()).Should().Be(1);
    }

    /// <summary>The answer decided for each case: status and problem code (null for a 2xx).</summary>
    private static (int Status, string? Code) Expected(string endpoint, TwilioOperation operation, string fault) => (endpoint, operation, fault) switch
    {
        // A failure to attach one number is reported per number in a 200, never as a failure of the whole import.
        (Import, TwilioOperation.AttachPhoneNumber, _) => (200, null),

        // A verification check that Twilio answers 401/404 is conclusive: the check fails (or passes), reported in a 200.
        (Verify, _, Unauthorized or NotFound) => (200, null),

        (_, _, RateLimited) => (503, "twilio_rate_limited"),
        (_, _, ServerError or Timeout or ConnectionReset) => (502, "twilio_unavailable"),
        (_, _, Unauthorized) => (422, "twilio_credentials_rejected"),

        // 404 on the account: the Account SID does not exist for these credentials.
        (_, TwilioOperation.FetchAccount, NotFound) => (422, "twilio_credentials_rejected"),
        (Update, TwilioOperation.UpdateTrunk, NotFound) => (422, "twilio_trunk_missing"),
        (RotateSip, TwilioOperation.CreateCredential, NotFound) => (422, "twilio_credential_list_missing"),

        // Deleting what is already gone counts as done.
        (Remove, TwilioOperation.DetachPhoneNumber, NotFound) => (204, null),
        (_, _, NotFound) => (502, "twilio_request_failed"),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), $"{endpoint} {operation} {fault}: no decided outcome."),
    };

    /// <summary>Credentials, Trunk, Credential List, Origination, Phone Numbers: the check statuses of a conclusive verification.</summary>
    private static string[] ExpectedChecks(TwilioOperation operation, string fault) => (operation, fault) switch
    {
        // Any 401 means the credentials were rejected; the other checks are skipped.
        (_, Unauthorized) or (TwilioOperation.FetchAccount, NotFound) => ["failed", "skipped", "skipped", "skipped", "skipped"],
        // A trunk Twilio says is gone has no origination URLs either.
        (TwilioOperation.FetchTrunk, NotFound) => ["passed", "failed", "passed", "failed", "passed"],
        (TwilioOperation.ListCredentials, NotFound) => ["passed", "passed", "failed", "passed", "passed"],

        // A 404 listing the trunk's numbers reads as an empty list; looking the number up shows it is on the trunk after all.
        (TwilioOperation.ListTrunkPhoneNumbers, NotFound) => ["passed", "passed", "passed", "passed", "passed"],

        // A 404 listing the origination URLs means the trunk has none: calls cannot reach the platform.
        (TwilioOperation.ListOriginationUrls, NotFound) => ["passed", "passed", "passed", "failed", "passed"],
        _ => throw new ArgumentOutOfRangeException(nameof(fault), $"{operation} {fault}: no decided checks."),
    };

    private static async Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Arranges the fault and sends the request as <see cref="IntegrationTest.OrgA"/>: to the replica with short Twilio timeouts for a
    /// timeout (Twilio's latency far beyond them, as beyond the fixture host's), to the fixture's host otherwise.
    /// </summary>
    private async Task<Outcome> UnderFaultAsync(string endpoint, TwilioOperation operation, string fault, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        using var client = fault == Timeout ? (await Fixture.ShortTwilioTimeoutsHostAsync()).ClientFor(OrgA) : ClientFor();
        Arrange(operation, fault);
        try
        {
            using var response = await send(client);
            var outcome = new Outcome(operation, fault, response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
            outcome.AssertNeverServerError();
            outcome.AssertProblem();
            var (status, code) = Expected(endpoint, operation, fault);
            ((int)outcome.Status).Should().Be(status, outcome.Describe("the decided answer"));
            outcome.Code.Should().Be(code, outcome.Describe("the decided code"));
            return outcome;
        }
        finally
        {
            Twilio.SetLatency(operation, TimeSpan.Zero);
        }
    }

    private void Arrange(TwilioOperation operation, string fault)
    {
        var count = VoipProvidersApiFactory.MaxRetryAttempts + 1;
        switch (fault)
        {
            case Unauthorized:
                Twilio.EnqueueFaults(operation, [.. Enumerable.Repeat(EmulatedFault.Http(401), count)]);
                break;
            case NotFound:
                Twilio.EnqueueFaults(operation, [.. Enumerable.Repeat(EmulatedFault.Http(404), count)]);
                break;
            case RateLimited:
                Twilio.EnqueueFaults(operation, [.. Enumerable.Repeat(EmulatedFault.RateLimited(), count)]);
                break;
            case ServerError:
                Twilio.EnqueueFaults(operation, [.. Enumerable.Repeat(EmulatedFault.Http(500), count)]);
                break;
            case Timeout:
                Twilio.SetLatency(operation, TimeSpan.FromSeconds(30));
                break;
            case ConnectionReset:
                Twilio.EnqueueFaults(operation, [.. Enumerable.Repeat(EmulatedFault.ConnectionReset(), count)]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, "Unknown fault.");
        }
    }

    private sealed class Outcome(TwilioOperation operation, string fault, HttpStatusCode status, string? mediaType, string body)
    {
        public HttpStatusCode Status { get; } = status;

        public string Body { get; } = body;

        public string? Code =>
            mediaType == "application/problem+json" && JsonDocument.Parse(Body).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;

        public string Describe(string what) => $"{what} ({operation} × {fault} → {(int)Status}: {Body})";

        public void AssertNeverServerError()
        {
            Status.Should().NotBe(HttpStatusCode.InternalServerError, Describe("never a 500"));
            var status = (int)Status;
            (status is >= 200 and < 300 or >= 400 and < 500 or 502 or 503).Should().BeTrue(Describe("2xx, 4xx, 502 or 503"));
        }

        public void AssertProblem()
        {
            if ((int)Status is >= 200 and < 300)
            {
                return;
            }

            mediaType.Should().Be("application/problem+json", Describe("an error is problem+json"));
            Code.Should().NotBeNullOrWhiteSpace(Describe("an error has a code"));
        }
    }
}
