using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

public sealed class HostTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_200_without_a_token()
    {
        using var client = Fixture.AnonymousClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_provider_endpoints_with_patterns_and_examples()
    {
        using var response = await Fixture.AnonymousClient().GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");
        paths.GetProperty("/api/v1/providers/twilio").TryGetProperty("post", out _).Should().BeTrue();
        paths.GetProperty("/api/v1/providers/twilio/{id}").TryGetProperty("get", out _).Should().BeTrue();
        var patch = paths.GetProperty("/api/v1/providers/twilio/{id}/auth-token").GetProperty("patch");
        patch.GetProperty("responses").EnumerateObject().Select(r => r.Name)
            .Should().Contain(["200", "400", "404", "409", "422", "502", "503"]);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var create = schemas.GetProperty("CreateTwilioProviderRequest");
        create.GetProperty("properties").GetProperty("accountSid").GetProperty("pattern").GetString().Should().Be("^AC[a-f0-9]{32}$");
        create.GetProperty("properties").GetProperty("authToken").GetProperty("pattern").GetString().Should().Be("^[a-f0-9]{32}$");
        create.GetProperty("properties").GetProperty("region").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Equal("us1", "us2", "ie1", "de1", "au1", "jp1", "br1", "sg1");
        create.GetProperty("examples").GetArrayLength().Should().BeGreaterThan(0);
        schemas.GetProperty("UpdateTwilioAuthTokenRequest").GetProperty("properties").GetProperty("authToken")
            .GetProperty("pattern").GetString().Should().Be("^[a-f0-9]{32}$");
        schemas.GetProperty("TwilioProviderResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().NotContain(name => name.Contains("token", StringComparison.OrdinalIgnoreCase) || name.Contains("password", StringComparison.OrdinalIgnoreCase));
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString()
            .Should().Be("bearer");
    }

    [Fact]
    public async Task The_interactive_API_reference_is_only_served_in_Development()
    {
        using var response = await Fixture.AnonymousClient().GetAsync("/scalar");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, "the tests run the host in the Testing environment");
    }
}
