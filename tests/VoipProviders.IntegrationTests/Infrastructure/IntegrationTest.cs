using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>Base of the integration tests: a clean database, emulator and log before each test, plus API helpers.</summary>
[Collection(IntegrationCollection.Name)]
public abstract class IntegrationTest(IntegrationFixture fixture) : IAsyncLifetime
{
    public const string ProvidersPath = "/api/v1/providers";
    public const string TwilioProvidersPath = "/api/v1/providers/twilio";
    public const string OrgA = "org_acme";
    public const string OrgB = "org_globex";

    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// How long an emulator barrier may hold requests: shorter than the host's per-attempt timeout, so a barrier never
    /// turns into a timed-out attempt that is retried (which would change the calls a test counts).
    /// </summary>
    protected static readonly TimeSpan BarrierTimeout = VoipProvidersApiFactory.AttemptTimeout - TimeSpan.FromMilliseconds(500);

    protected IntegrationFixture Fixture { get; } = fixture;

    protected TwilioEmulatorState Twilio => Fixture.Twilio;

    protected DatabaseProbe Database => Fixture.Database;

    public Task InitializeAsync() => Fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected HttpClient ClientFor(string organizationId = OrgA) => Fixture.ClientFor(organizationId);

    /// <summary>An organization as in-process callers pass it: parsed once, like the HTTP edge parses the token's claim.</summary>
    protected static OrganizationId Org(string organizationId) => OrganizationId.Parse(organizationId);

    /// <summary>A provider id as in-process callers pass it.</summary>
    protected static ProviderId Provider(Guid providerId) => ProviderId.From(providerId);

    protected static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>A provider to connect, in <paramref name="organizationId"/>, on a fresh emulated account.</summary>
    protected ProviderBuilder NewProvider(string organizationId = OrgA) => new(Fixture, organizationId);

    /// <summary>Connects a provider with defaults and returns its id.</summary>
    protected Task<Guid> ConnectAsync(string organizationId = OrgA) => NewProvider(organizationId).ConnectAsync();

    protected Task<HttpResponseMessage> CreateProviderAsync(object body, string organizationId = OrgA) =>
        ClientFor(organizationId).PostAsJsonAsync(TwilioProvidersPath, body);

    protected Task<HttpResponseMessage> GetTwilioProviderAsync(Guid providerId, string organizationId = OrgA) =>
        ClientFor(organizationId).GetAsync($"{TwilioProvidersPath}/{providerId}");

    protected Task<HttpResponseMessage> GetProviderAsync(Guid providerId, string organizationId = OrgA) =>
        ClientFor(organizationId).GetAsync($"{ProvidersPath}/{providerId}");

    protected Task<HttpResponseMessage> ListProvidersAsync(string query = "", string organizationId = OrgA) =>
        ClientFor(organizationId).GetAsync($"{ProvidersPath}{query}");

    protected Task<HttpResponseMessage> RotateAsync(Guid providerId, object body, string organizationId = OrgA, string? ifMatch = null) =>
        SendAsync(HttpMethod.Patch, $"{TwilioProvidersPath}/{providerId}/auth-token", body, organizationId, ifMatch);

    protected Task<HttpResponseMessage> UpdateAsync(Guid providerId, object body, string organizationId = OrgA, string? ifMatch = null) =>
        SendAsync(HttpMethod.Put, $"{TwilioProvidersPath}/{providerId}", body, organizationId, ifMatch);

    protected Task<HttpResponseMessage> DeleteAsync(Guid providerId, string organizationId = OrgA, string? ifMatch = null) =>
        SendAsync(HttpMethod.Delete, $"{ProvidersPath}/{providerId}", null, organizationId, ifMatch);

    protected FakeAgentsModule Agents => Fixture.Agents;

    protected Task<HttpResponseMessage> ListAvailableNumbersAsync(Guid providerId, string query = "", string organizationId = OrgA) =>
        ClientFor(organizationId).GetAsync($"{TwilioProvidersPath}/{providerId}/available-numbers{query}");

    protected Task<HttpResponseMessage> ImportNumbersAsync(Guid providerId, IEnumerable<string> phoneNumberSids, string organizationId = OrgA) =>
        ClientFor(organizationId).PostAsJsonAsync($"{TwilioProvidersPath}/{providerId}/import-numbers", new { phoneNumberSids }, Json);

    /// <summary>Imports the numbers (all must succeed) and returns their new ids, in order.</summary>
    protected Task<IReadOnlyList<Guid>> ImportAllAsync(Guid providerId, params string[] phoneNumberSids) =>
        ImportAllAsync(OrgA, providerId, phoneNumberSids);

    /// <summary>Imports the numbers for a provider of <paramref name="organizationId"/> (all must succeed) and returns their new ids.</summary>
    protected async Task<IReadOnlyList<Guid>> ImportAllAsync(string organizationId, Guid providerId, params string[] phoneNumberSids)
    {
        using var response = await ImportNumbersAsync(providerId, phoneNumberSids, organizationId);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await ReadJsonAsync(response);
        result.GetProperty("failedCount").GetInt32().Should().Be(0, result.ToString());
        Twilio.ClearRequests();
        Fixture.Logs.Clear();
        Agents.Reset();
        return [.. result.GetProperty("imported").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }

    protected Task<HttpResponseMessage> RemoveNumberAsync(Guid providerId, Guid phoneNumberId, bool? force = null, string organizationId = OrgA) =>
        ClientFor(organizationId).DeleteAsync(
            $"{TwilioProvidersPath}/{providerId}/phone-numbers/{phoneNumberId}{(force is { } f ? $"?force={f.ToString().ToLowerInvariant()}" : "")}");

    /// <summary>Acts in "the Twilio Console": a raw request to the emulator with the account's own credentials.</summary>
    protected async Task<JsonElement> TwilioConsoleAsync(EmulatedAccount account, HttpMethod method, string path, IReadOnlyDictionary<string, string>? form = null)
    {
        using var client = new HttpClient { BaseAddress = Fixture.EmulatorBaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.Sid}:{account.AuthToken}")));
        using var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{method} {path}: {body}");
        Twilio.ClearRequests();
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The ETag a GET of the provider answers with now.</summary>
    protected async Task<string> ETagOfAsync(Guid providerId, string organizationId = OrgA)
    {
        using var response = await GetTwilioProviderAsync(providerId, organizationId);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    /// <summary>Deletes a resource in the tenant's Twilio account behind the module's back, as the tenant could in the Twilio Console.</summary>
    protected async Task DeleteInTwilioConsoleAsync(EmulatedAccount account, string path)
    {
        using var client = new HttpClient { BaseAddress = Fixture.EmulatorBaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.Sid}:{account.AuthToken}")));
        using var response = await client.DeleteAsync(path);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent, path);
        Twilio.ClearRequests();
    }

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);

    /// <summary>Waits until <paramref name="condition"/> holds (background work), failing with <paramref name="because"/> after <paramref name="timeout"/>.</summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        using var budget = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (budget.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting until {because}.");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    protected string UnprotectAuthToken(Guid providerId, string cipherText) =>
        Fixture.Services.GetRequiredService<ISecretProtector>()
            .Unprotect(TwilioSecrets.AuthToken, providerId, new ProtectedSecret(cipherText));

    protected string UnprotectSipPassword(Guid providerId, string cipherText) =>
        Fixture.Services.GetRequiredService<ISecretProtector>()
            .Unprotect(TwilioSecrets.SipPassword, providerId, new ProtectedSecret(cipherText));

    /// <summary>
    /// Proves that no secret reached the database, any log record (message, structured state, scopes or exception) or the
    /// given response bodies — neither in plaintext nor as the Base64 Basic-auth header value that carries it.
    /// </summary>
    protected Task AssertSecretsNotLeakedAsync(IEnumerable<string> secrets, string accountSid, params string[] responseBodies) =>
        AssertSecretsNotLeakedAsync(Fixture.Logs, secrets, accountSid, responseBodies);

    /// <summary>The same proof, reading the log of <paramref name="logs"/> (another replica's, say) instead of the fixture host's.</summary>
    protected Task AssertSecretsNotLeakedAsync(FakeLogCollector logs, IEnumerable<string> secrets, string accountSid, params string[] responseBodies) =>
        AssertSecretsNotLeakedAsync([logs], secrets, accountSid, responseBodies);

    /// <summary>The same proof, reading the logs of several replicas together (the one that served a request and the one that ran its jobs, say).</summary>
    protected async Task AssertSecretsNotLeakedAsync(IReadOnlyCollection<FakeLogCollector> logs, IEnumerable<string> secrets, string accountSid, params string[] responseBodies)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var needles = secrets
            .SelectMany(secret => new[] { secret, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{secret}")) })
            .ToArray();

        var stored = await Database.DumpSchemaAsync();
        var records = logs.SelectMany(log => log.GetSnapshot())
            .Select(record => string.Join(
                '\n',
                record.Message,
                record.Exception?.ToString() ?? string.Empty,
                string.Join(';', record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? []),
                string.Join(';', record.Scopes.Select(ScopeText))))
            .ToArray();
        records.Should().NotBeEmpty("the flows under test log, so an empty log would prove nothing");

        foreach (var needle in needles)
        {
            stored.Should().NotContain(needle, "secrets are stored encrypted only");
            records.Should().NotContain(line => line.Contains(needle, StringComparison.Ordinal), "secrets are never logged");
            foreach (var body in responseBodies)
            {
                body.Should().NotContain(needle, "secrets are never returned");
            }
        }
    }

    /// <summary>A log scope as text, its key/value pairs spelled out (a scope's ToString may hide them).</summary>
    private static string ScopeText(object? scope) => scope switch
    {
        null => string.Empty,
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(';', pairs.Select(pair => $"{pair.Key}={pair.Value}")),
        _ => scope.ToString() ?? string.Empty,
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string organizationId, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await ClientFor(organizationId).SendAsync(request);
    }
}
