using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>What the managed rotation tests share: the requests, the rows and the token checks.</summary>
public abstract class AuthTokenRotationTest(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    internal RotationTables Rotations => new(Fixture.ConnectionString);

    protected static string RotationsPath(Guid providerId) => $"{TwilioProvidersPath}/{providerId}/auth-token/rotations";

    protected static string PolicyPath(Guid providerId) => $"{TwilioProvidersPath}/{providerId}/auth-token/rotation-policy";

    protected static object StartBody(int? propagationDelaySeconds = 0) =>
        new { propagationDelaySeconds, acknowledgeOtherSystemsLoseAccess = true };

    protected async Task<HttpResponseMessage> StartRotationAsync(Guid providerId, object? body = null, HttpClient? client = null, string organizationId = OrgA)
    {
        var http = client ?? ClientFor(organizationId);
        return await http.PostAsJsonAsync(RotationsPath(providerId), body ?? StartBody(), Json);
    }

    /// <summary>Starts a rotation that must be accepted and returns its id.</summary>
    protected async Task<Guid> StartAcceptedAsync(Guid providerId, object? body = null, HttpClient? client = null)
    {
        using var response = await StartRotationAsync(providerId, body, client);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    protected async Task<JsonElement> GetRotationAsync(Guid providerId, Guid rotationId, string organizationId = OrgA)
    {
        using var response = await ClientFor(organizationId).GetAsync($"{RotationsPath(providerId)}/{rotationId}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    /// <summary>Waits until the rotation has ended (completed, failed or cancelled) and returns it.</summary>
    protected async Task<JsonElement> WaitUntilEndedAsync(Guid providerId, Guid rotationId, TimeSpan? timeout = null)
    {
        JsonElement rotation = default;
        await EventuallyAsync(
            async () =>
            {
                rotation = await GetRotationAsync(providerId, rotationId);
                return rotation.GetProperty("status").GetString() != "running";
            },
            $"rotation {rotationId} ended",
            timeout ?? TimeSpan.FromSeconds(30));
        return rotation;
    }

    protected async Task WaitUntilStepAsync(Guid providerId, Guid rotationId, string step)
    {
        await EventuallyAsync(
            async () => (await GetRotationAsync(providerId, rotationId)).GetProperty("step").GetString() == step,
            $"rotation {rotationId} reached {step}");
    }

    /// <summary>The provider's stored Auth Token, decrypted.</summary>
    protected async Task<string> StoredTokenAsync(Guid providerId) =>
        UnprotectAuthToken(providerId, (await Rotations.ProviderAsync(providerId)).AuthTokenCipherText);

    /// <summary>Whether the emulated Twilio account accepts <paramref name="token"/> now (as its primary or secondary).</summary>
    protected bool TwilioAccepts(EmulatedAccount account, string? token) =>
        token is not null
        && (Twilio.GetAuthToken(account.Sid) == token || Twilio.GetSecondaryAuthToken(account.Sid) == token);

    protected static async Task<string> ProblemCodeAsync(HttpResponseMessage response) =>
        (await ReadJsonAsync(response)).GetProperty("code").GetString()!;
}
