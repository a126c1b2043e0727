using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Security;
using VoipProviders.Domain.Common;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>Base of the integration tests: a clean database, emulator and log before each test, plus API helpers.</summary>
[Collection(IntegrationCollection.Name)]
public abstract class IntegrationTest(IntegrationFixture fixture) : IAsyncLifetime
{
    public const string ProvidersPath = "/api/v1/providers/twilio";
    public const string OrgA = "org_acme";
    public const string OrgB = "org_globex";

    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected IntegrationFixture Fixture { get; } = fixture;

    protected TwilioEmulatorState Twilio => Fixture.Twilio;

    protected DatabaseProbe Database => Fixture.Database;

    public Task InitializeAsync() => Fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected HttpClient ClientFor(string organizationId = OrgA) => Fixture.ClientFor(organizationId);

    protected static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    protected Task<HttpResponseMessage> CreateProviderAsync(object body, string organizationId = OrgA) =>
        ClientFor(organizationId).PostAsJsonAsync(ProvidersPath, body);

    /// <summary>Connects an emulated Twilio account and returns the provider as the API answered.</summary>
    protected async Task<(JsonElement Provider, EmulatedAccount Account)> ConnectAsync(
        string organizationId = OrgA,
        EmulatedAccount? account = null,
        object? extra = null)
    {
        account ??= Twilio.AddAccount("Acme Voice");
        var body = new Dictionary<string, object?> { ["accountSid"] = account.Sid, ["authToken"] = account.AuthToken };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra, Json).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        using var response = await CreateProviderAsync(body, organizationId);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var provider = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Twilio.ClearRequests();
        Fixture.Logs.Clear();
        return (provider, account);
    }

    protected Task<HttpResponseMessage> RotateAsync(Guid providerId, object body, string organizationId = OrgA) =>
        ClientFor(organizationId).PatchAsJsonAsync($"{ProvidersPath}/{providerId}/auth-token", body);

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);

    protected string UnprotectAuthToken(Guid providerId, string cipherText) =>
        Fixture.Services.GetRequiredService<ISecretProtector>()
            .Unprotect(SecretPurpose.TwilioAuthToken, providerId, new ProtectedSecret(cipherText));

    protected string UnprotectSipPassword(Guid providerId, string cipherText) =>
        Fixture.Services.GetRequiredService<ISecretProtector>()
            .Unprotect(SecretPurpose.SipPassword, providerId, new ProtectedSecret(cipherText));

    /// <summary>
    /// Proves that no secret reached the database, any log record (message, structured state or exception) or the
    /// given response bodies — neither in plaintext nor as the Base64 Basic-auth header value that carries it.
    /// </summary>
    protected async Task AssertSecretsNotLeakedAsync(IEnumerable<string> secrets, string accountSid, params string[] responseBodies)
    {
        var needles = secrets
            .SelectMany(secret => new[] { secret, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{secret}")) })
            .ToArray();

        var stored = await Database.DumpSchemaAsync();
        var logs = Fixture.Logs.GetSnapshot()
            .Select(record => string.Join(
                '\n',
                record.Message,
                record.Exception?.ToString() ?? string.Empty,
                string.Join(';', record.StructuredState?.Select(pair => $"{pair.Key}={pair.Value}") ?? [])))
            .ToArray();
        logs.Should().NotBeEmpty("the flows under test log, so an empty log would prove nothing");

        foreach (var needle in needles)
        {
            stored.Should().NotContain(needle, "secrets are stored encrypted only");
            logs.Should().NotContain(line => line.Contains(needle, StringComparison.Ordinal), "secrets are never logged");
            foreach (var body in responseBodies)
            {
                body.Should().NotContain(needle, "secrets are never returned");
            }
        }
    }
}
