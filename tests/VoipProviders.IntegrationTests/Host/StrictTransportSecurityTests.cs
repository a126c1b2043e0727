using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// <c>Api:UseHsts</c>: https answers carry Strict-Transport-Security when it is on (outside Development), none when it
/// is off. The host runs on the in-memory test server here, which takes a request for <c>https://api.example.com</c> as
/// https to a host name that is not loopback — the two cases where the header is sent at all.
/// </summary>
public sealed class StrictTransportSecurityTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task With_Api_UseHsts_on_https_answers_carry_the_header_and_plain_http_ones_do_not()
    {
        using var factory = InMemoryHost(useHsts: true);

        using var https = await GetAsync(factory, "https://api.example.com");
        using var refused = await GetAsync(factory, "https://api.example.com", ProvidersPath, authorized: false);
        using var http = await GetAsync(factory, "http://api.example.com");

        https.StatusCode.Should().Be(HttpStatusCode.OK);
        https.Headers.GetValues("Strict-Transport-Security").Should().ContainSingle().Which.Should().Be("max-age=31536000");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.GetValues("Strict-Transport-Security").Should().ContainSingle().Which.Should().Be("max-age=31536000", "a refusal is an https answer too");
        http.StatusCode.Should().Be(HttpStatusCode.OK);
        http.Headers.Contains("Strict-Transport-Security").Should().BeFalse("the header means nothing over http (RFC 6797 §7.2)");
    }

    [Fact]
    public async Task With_Api_UseHsts_off_by_default_no_answer_carries_the_header()
    {
        using var factory = InMemoryHost(useHsts: null);

        using var https = await GetAsync(factory, "https://api.example.com");

        https.StatusCode.Should().Be(HttpStatusCode.OK);
        https.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    private VoipProvidersApiFactory InMemoryHost(bool? useHsts)
    {
        // The fixture's host has migrated the database already.
        var settings = new Dictionary<string, string> { ["BackgroundJobs:Enabled"] = "false", ["Database:MigrateOnStartup"] = "false" };
        if (useHsts is { } on)
        {
            settings["Api:UseHsts"] = on ? "true" : "false";
        }

        return new VoipProvidersApiFactory(Fixture.ConnectionString, Fixture.EmulatorBaseAddress, settings);
    }

    private static async Task<HttpResponseMessage> GetAsync(VoipProvidersApiFactory factory, string baseAddress, string path = ProvidersPath, bool authorized = true)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });
        if (authorized)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IntegrationFixture.TokenFor(OrgA));
        }

        return await client.GetAsync(path);
    }
}
