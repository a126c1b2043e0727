using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Infrastructure;

/// <summary>
/// Helpers of the calling tests (issue 18): service tokens and clients of the internal API, the origination rollout run
/// by hand on a replica, replica settings for other origination URIs, and reads of the emulated trunk.
/// </summary>
internal static class CallingTestHelpers
{
    public const string InternalPrefix = "/internal/v1";

    /// <summary>The scope a service token of the internal API must carry.</summary>
    public const string SipScope = "voip-providers.sip";

    /// <summary>The subject of the service tokens the tests mint: the dial-out read is logged with it.</summary>
    public const string ServiceSubject = "sip-media-service";

    /// <summary>The name origination URLs of the module start with (the tenant's own never do).</summary>
    public const string OurFriendlyNamePrefix = "VoipProviders origination ";

    /// <summary>The shared host's one origination URI, for a provider's routing key.</summary>
    public static string SharedIngress(string routingKey) => $"sip:{routingKey}.in1.voice.example.com:5061;transport=tls";

    /// <summary>
    /// A service token of the internal API: signed like the tenants' tokens, for the internal audience, with the SIP scope
    /// and no organization — or wrong in the one way asked (no scope, another audience, another key, expired).
    /// </summary>
    public static string ServiceToken(
        string subject = ServiceSubject,
        string? scope = SipScope,
        string audience = VoipProvidersApiFactory.InternalAudience,
        string signingKey = VoipProvidersApiFactory.SigningKey,
        TimeSpan? expiresIn = null,
        string? organizationId = null)
    {
        var claims = new List<Claim> { new("sub", subject) };
        if (scope is not null)
        {
            claims.Add(new Claim("scope", scope));
        }

        if (organizationId is not null)
        {
            claims.Add(new Claim("org_id", organizationId));
        }

        var expires = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromMinutes(30));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = VoipProvidersApiFactory.Issuer,
            Audience = audience,
            IssuedAt = expires.AddMinutes(-60),
            NotBefore = expires.AddMinutes(-60),
            Expires = expires,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A client of the fixture's host that sends <paramref name="bearerToken"/> (none when null).</summary>
    public static HttpClient InternalClient(this IntegrationFixture fixture, string? bearerToken) => WithBearer(fixture.AnonymousClient(), bearerToken);

    /// <summary>A client of a replica that sends <paramref name="bearerToken"/> (none when null).</summary>
    public static HttpClient InternalClient(this TestHost host, string? bearerToken) => WithBearer(host.AnonymousClient(), bearerToken);

    public static string DialOutRoutePath(Guid providerId, string organizationId) =>
        $"{InternalPrefix}/providers/{providerId}/dial-out-route?organizationId={Uri.EscapeDataString(organizationId)}";

    /// <summary>The resolve path with each given parameter escaped (a raw "+" would arrive as a space).</summary>
    public static string ResolvePath(string? calledNumber, string? routingKey = null, string? accountSid = null)
    {
        var parameters = new List<string>();
        if (calledNumber is not null)
        {
            parameters.Add($"calledNumber={Uri.EscapeDataString(calledNumber)}");
        }

        if (routingKey is not null)
        {
            parameters.Add($"routingKey={Uri.EscapeDataString(routingKey)}");
        }

        if (accountSid is not null)
        {
            parameters.Add($"accountSid={Uri.EscapeDataString(accountSid)}");
        }

        return $"{InternalPrefix}/inbound-calls/resolve" + (parameters.Count == 0 ? string.Empty : "?" + string.Join('&', parameters));
    }

    /// <summary>Reads the dial-out route with a valid service token; it must answer 200.</summary>
    public static async Task<JsonElement> DialOutRouteAsync(this HttpClient serviceClient, Guid providerId, string organizationId)
    {
        using var response = await serviceClient.GetAsync(DialOutRoutePath(providerId, organizationId));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Headers.CacheControl?.NoStore.Should().BeTrue("the route carries a password and must never be cached");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>One pass of the origination rollout on <paramref name="host"/>, as its recurring job runs it.</summary>
    public static async Task<OriginationRolloutResult> RunOriginationRolloutAsync(this TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OriginationRollout>().RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Makes the replica take up its origination settings now (the plan is built on first use): the moment that decides
    /// which of two replicas with different settings started last.
    /// </summary>
    public static OriginationPlan TakeUpOriginationSettings(this TestHost host) => host.Services.GetRequiredService<OriginationPlan>();

    /// <summary>
    /// Settings of a replica whose SIP ingress is <paramref name="uris"/> (each with its priority and weight) instead of
    /// the shared host's single URI, plus <paramref name="more"/>.
    /// </summary>
    public static Dictionary<string, string> OriginationSettings(
        IReadOnlyList<(string Uri, int Priority, int Weight)> uris,
        IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>();
        for (var index = 0; index < uris.Count; index++)
        {
            var key = $"Sip:Origination:Uris:{index.ToString(CultureInfo.InvariantCulture)}";
            settings[$"{key}:Uri"] = uris[index].Uri;
            settings[$"{key}:Priority"] = uris[index].Priority.ToString(CultureInfo.InvariantCulture);
            settings[$"{key}:Weight"] = uris[index].Weight.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<HttpResponseMessage> RotateSipCredentialAsync(this HttpClient client, Guid providerId, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{IntegrationTest.TwilioProvidersPath}/{providerId}/sip-credential/rotate");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> UpdateTwilioProviderAsync(this HttpClient client, Guid providerId, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{IntegrationTest.TwilioProvidersPath}/{providerId}")
        {
            Content = JsonContent.Create(body),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Runs POST …/verify; it must answer 200 (a conclusive run).</summary>
    public static async Task<JsonElement> VerifyOkAsync(this HttpClient client, Guid providerId)
    {
        using var response = await client.PostAsync($"{IntegrationTest.TwilioProvidersPath}/{providerId}/verify", null);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>One check of a verification result, by name.</summary>
    public static JsonElement Check(this JsonElement verification, string checkName) =>
        verification.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("checkName").GetString() == checkName);

    /// <summary>The statuses of a verification's checks, in order.</summary>
    public static IReadOnlyList<string?> CheckStatuses(this JsonElement verification) =>
        [.. verification.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("status").GetString())];

    /// <summary>The one trunk of an emulated account.</summary>
    public static EmulatedTrunk TrunkOf(this TwilioEmulatorState twilio, EmulatedAccount account) =>
        twilio.Trunks.Should().ContainSingle(t => t.AccountSid == account.Sid, $"account {account.Sid} has one trunk").Subject;

    /// <summary>The one credential list of an emulated account.</summary>
    public static EmulatedCredentialList CredentialListOf(this TwilioEmulatorState twilio, EmulatedAccount account) =>
        twilio.CredentialLists.Should().ContainSingle(l => l.AccountSid == account.Sid, $"account {account.Sid} has one credential list").Subject;

    /// <summary>The origination URLs of the trunk the module created (by their name).</summary>
    public static IReadOnlyList<EmulatedOriginationUrl> Ours(this EmulatedTrunk trunk) =>
        [.. trunk.OriginationUrls.Where(u => u.FriendlyName.StartsWith(OurFriendlyNamePrefix, StringComparison.Ordinal)).OrderBy(u => u.FriendlyName, StringComparer.Ordinal)];

    /// <summary>A bool form field as the Twilio SDK sends it ("true"/"false", any case).</summary>
    public static bool FormBool(this RecordedRequest request, string field) =>
        bool.Parse(request.Form.Should().ContainKey(field, $"{request.Operation} sends {field}").WhoseValue);

    private static HttpClient WithBearer(HttpClient client, string? token)
    {
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
