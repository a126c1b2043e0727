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
        ready.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        report.GetProperty("status").GetString().Should().Be("Healthy");
        report.GetProperty("checks").EnumerateArray()
            .Select(check => (check.GetProperty("name").GetString(), check.GetProperty("status").GetString()))
            .Should().BeEquivalentTo([("database", "Healthy"), ("jobEngine", "Healthy"), ("outbox", "Healthy")]);
    }

    [Fact]
    public async Task The_OpenAPI_document_has_a_title_a_licence_described_tags_and_server_URLs_without_a_trailing_slash()
    {
        var document = await OpenApiAsync();

        document.GetProperty("info").GetProperty("title").GetString().Should().Be("VoipProviders API");
        document.GetProperty("info").GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace();
        document.GetProperty("info").GetProperty("license").GetProperty("identifier").GetString().Should().Be("LicenseRef-Proprietary");
        document.GetProperty("servers").EnumerateArray().Should().NotBeEmpty()
            .And.AllSatisfy(server => server.GetProperty("url").GetString().Should().NotEndWith("/"));
        var tags = document.GetProperty("tags").EnumerateArray().ToList();
        tags.Select(t => t.GetProperty("name").GetString()).Should().Contain(["Providers", "Twilio providers", "Phone numbers", "Audit trail"]);
        tags.Should().AllSatisfy(tag => tag.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_provider_endpoints_with_patterns_and_examples()
    {
        var document = await OpenApiAsync();
        var paths = document.GetProperty("paths");
        paths.GetProperty("/api/v1/providers/twilio").TryGetProperty("post", out _).Should().BeTrue();
        paths.GetProperty("/api/v1/providers/twilio/{id}").TryGetProperty("get", out _).Should().BeTrue();
        var patch = paths.GetProperty("/api/v1/providers/twilio/{id}/auth-token").GetProperty("patch");
        patch.GetProperty("responses").EnumerateObject().Select(r => r.Name)
            .Should().Contain(["200", "400", "401", "403", "404", "409", "412", "422", "500", "502", "503"]);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var create = schemas.GetProperty("CreateTwilioProviderRequest");
        create.GetProperty("properties").GetProperty("accountSid").GetProperty("pattern").GetString().Should().Be("^AC[a-f0-9]{32}$");
        schemas.GetProperty("TwilioAuthToken").GetProperty("pattern").GetString().Should().Be("^[a-f0-9]{32}$");
        schemas.GetProperty("TwilioAuthToken").GetProperty("writeOnly").GetBoolean().Should().BeTrue();
        create.GetProperty("properties").GetProperty("authToken").ToString().Should().Contain("#/components/schemas/TwilioAuthToken");
        schemas.GetProperty("UpdateTwilioAuthTokenRequest").GetProperty("properties").GetProperty("authToken").ToString()
            .Should().Contain("#/components/schemas/TwilioAuthToken");
        create.GetProperty("properties").GetProperty("region").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Equal("us1", "us2", "ie1", "de1", "au1", "jp1", "br1", "sg1");
        create.GetProperty("examples").GetArrayLength().Should().BeGreaterThan(0);
        // No credential field: the two that name the Auth Token describe its rotation (an object without a token, a UUID).
        var providerProperties = schemas.GetProperty("TwilioProviderResponse").GetProperty("properties");
        providerProperties.EnumerateObject().Select(p => p.Name)
            .Except(["authTokenRotationPolicy", "activeAuthTokenRotationId"])
            .Should().NotContain(name => name.Contains("token", StringComparison.OrdinalIgnoreCase) || name.Contains("password", StringComparison.OrdinalIgnoreCase));
        providerProperties.GetProperty("activeAuthTokenRotationId").ToString().Should().Contain("uuid");
        schemas.GetProperty("AuthTokenRotationPolicyResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("enabled", "intervalDays", "propagationDelaySeconds", "nextRotationAt");
        schemas.GetProperty("TwilioProviderResponse").GetProperty("examples")[0].GetProperty("createdAt").GetString().Should().EndWith("Z");
        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().NotContain(
            path => path.StartsWith("/internal", StringComparison.Ordinal), "the internal API is the SIP service's, not in the tenants' document");
        document.ToString().Should().NotContain("sipPassword", "no schema or example of the public document carries a SIP password");
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString()
            .Should().Be("bearer");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_lifecycle_endpoints_polymorphism_and_preconditions()
    {
        var document = await OpenApiAsync();
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var list = paths.GetProperty("/api/v1/providers").GetProperty("get");
        list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString())
            .Should().Equal("skip", "take", "providerType", "verificationStatus", "If-None-Match");
        list.GetProperty("responses").GetProperty("200").ToString().Should().Contain("PagedResponseOfProviderResponse");
        schemas.GetProperty("PagedResponseOfProviderResponse").GetProperty("properties").GetProperty("items").GetProperty("items")
            .GetProperty("$ref").GetString().Should().Be("#/components/schemas/ProviderResponse");

        var provider = schemas.GetProperty("ProviderResponse");
        provider.GetProperty("oneOf").EnumerateArray().Select(s => s.GetProperty("$ref").GetString())
            .Should().Equal("#/components/schemas/TwilioProviderResponse");
        provider.GetProperty("discriminator").GetProperty("propertyName").GetString().Should().Be("providerType");
        provider.GetProperty("discriminator").GetProperty("mapping").GetProperty("twilio").GetString()
            .Should().Be("#/components/schemas/TwilioProviderResponse");

        var get = paths.GetProperty("/api/v1/providers/{id}").GetProperty("get");
        get.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _).Should().BeTrue();
        foreach (var conditional in new[] { get, list, paths.GetProperty("/api/v1/phone-numbers/{id}").GetProperty("get") })
        {
            conditional.GetProperty("parameters").EnumerateArray()
                .Should().Contain(p => p.GetProperty("name").GetString() == "If-None-Match" && p.GetProperty("in").GetString() == "header");
            conditional.GetProperty("responses").GetProperty("304").GetProperty("headers").TryGetProperty("ETag", out _).Should().BeTrue();
            conditional.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _).Should().BeTrue();
        }

        var update = paths.GetProperty("/api/v1/providers/twilio/{id}").GetProperty("put");
        var delete = paths.GetProperty("/api/v1/providers/{id}").GetProperty("delete");
        foreach (var operation in new[] { update, delete })
        {
            operation.GetProperty("parameters").EnumerateArray()
                .Should().Contain(p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("in").GetString() == "header");
            operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["404", "409", "412"]);
        }

        update.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "422", "502", "503"]);
        delete.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain("204").And.NotContain(["422", "502"]);
        var updateBody = schemas.GetProperty("UpdateTwilioProviderRequest");
        updateBody.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("name", "region", "supportsCallTransfer", "secureTrunking", "autoRepair");
        updateBody.GetProperty("additionalProperties").GetBoolean().Should().BeFalse();
        updateBody.GetProperty("examples").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_phone_number_endpoints()
    {
        var document = await OpenApiAsync();
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        paths.GetProperty("/api/v1/providers/twilio/{id}/available-numbers").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).Should().Equal("id", "skip", "take", "phoneNumber", "If-None-Match");
        paths.GetProperty("/api/v1/providers/twilio/{id}/available-numbers").GetProperty("get").GetProperty("responses").EnumerateObject()
            .Select(r => r.Name).Should().Contain(["200", "400", "404", "422", "429", "502", "503"], "a read that calls Twilio is rate limited");
        paths.GetProperty("/api/v1/providers/twilio/{id}/phone-numbers").GetProperty("get").GetProperty("responses").EnumerateObject()
            .Select(r => r.Name).Should().NotContain("429", "reads that do not call Twilio are not limited");
        var import = paths.GetProperty("/api/v1/providers/twilio/{id}/import-numbers").GetProperty("post");
        import.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "404", "409", "422", "502", "503"]);
        schemas.GetProperty("ImportPhoneNumbersRequest").GetProperty("properties").GetProperty("phoneNumberSids").GetProperty("items")
            .GetProperty("pattern").GetString().Should().Be("^PN[0-9a-f]{32}$");
        schemas.GetProperty("ImportPhoneNumbersResponse").GetProperty("examples").GetArrayLength().Should().BeGreaterThan(0);
        paths.GetProperty("/api/v1/providers/twilio/{id}/phone-numbers/{phoneNumberId}").GetProperty("delete").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Contain("force");
        paths.GetProperty("/api/v1/phone-numbers").TryGetProperty("get", out _).Should().BeTrue();
        paths.GetProperty("/api/v1/phone-numbers/{id}").TryGetProperty("get", out _).Should().BeTrue();
        schemas.GetProperty("PhoneNumberResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "id", "providerId", "providerType", "phoneNumberSid", "phoneNumber", "friendlyName", "capabilities", "createdAt");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_verify_endpoint()
    {
        var document = await OpenApiAsync();
        var verify = document.GetProperty("paths").GetProperty("/api/v1/providers/twilio/{id}/verify").GetProperty("post");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        verify.GetProperty("operationId").GetString().Should().Be("VerifyProvider");
        verify.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "401", "403", "404", "409", "502", "503"]);
        verify.TryGetProperty("requestBody", out _).Should().BeFalse("verify takes no body");
        var response = schemas.GetProperty("ProviderVerificationResponse");
        response.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("status", "checks", "lastVerifiedAt");
        response.GetProperty("examples").GetArrayLength().Should().BeGreaterThan(0);
        schemas.GetProperty("VerificationCheckStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Equal("passed", "warning", "failed", "skipped");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_drift_repair_and_the_provider_settings()
    {
        var document = await OpenApiAsync();
        var paths = document.GetProperty("paths");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var repair = paths.GetProperty("/api/v1/providers/twilio/{id}/repair").GetProperty("post");
        repair.GetProperty("operationId").GetString().Should().Be("RepairProvider");
        repair.GetProperty("parameters").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString()))
            .Should().Contain([("dryRun", "query"), ("If-Match", "header")]);
        repair.GetProperty("responses").EnumerateObject().Select(r => r.Name)
            .Should().Contain(["200", "400", "401", "403", "404", "409", "412", "429", "502", "503"]);
        repair.GetProperty("requestBody").ToString().Should().Contain("#/components/schemas/RepairProviderRequest");
        var request = schemas.GetProperty("RepairProviderRequest");
        request.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("planId", "allowDisruptive");
        request.GetProperty("properties").GetProperty("planId").GetProperty("format").GetString().Should().Be("uuid");
        request.GetProperty("additionalProperties").GetBoolean().Should().BeFalse();
        var response = schemas.GetProperty("ProviderRepairResponse");
        response.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "planId", "basedOnVersion", "dryRun", "actions", "results", "verification", "verificationError");
        response.GetProperty("examples").GetArrayLength().Should().BeGreaterThan(0);
        schemas.GetProperty("RepairActionResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("action", "target", "reason", "disruptive");
        schemas.GetProperty("RepairActionResultResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("action", "target", "outcome", "error");

        var settings = paths.GetProperty("/api/v1/providers/settings");
        settings.GetProperty("get").GetProperty("operationId").GetString().Should().Be("GetProviderSettings");
        settings.GetProperty("put").GetProperty("operationId").GetString().Should().Be("UpdateProviderSettings");
        var settingsBody = schemas.GetProperty("UpdateProviderSettingsRequest");
        settingsBody.GetProperty("properties").GetProperty("defaultAutoRepair").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Equal("off", "safe", "all");
        settingsBody.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should().Equal("defaultAutoRepair");
        settingsBody.GetProperty("additionalProperties").GetBoolean().Should().BeFalse();
        schemas.GetProperty("ProviderSettingsResponse").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo("defaultAutoRepair", "updatedAt");
        schemas.GetProperty("AutoRepairMode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Should().Equal("off", "safe", "all");

        var provider = schemas.GetProperty("TwilioProviderResponse").GetProperty("properties");
        provider.GetProperty("autoRepair").ToString().Should().Contain("#/components/schemas/AutoRepairMode");
        provider.GetProperty("autoRepairPausedUntil").GetProperty("format").GetString().Should().Be("date-time");
        schemas.GetProperty("UpdateTwilioProviderRequest").GetProperty("properties").GetProperty("autoRepair").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()).Should().Equal("off", "safe", "all");

        // No credential field in anything a repair or the settings send or answer.
        foreach (var name in new[] { "RepairProviderRequest", "ProviderRepairResponse", "RepairActionResponse", "RepairActionResultResponse", "UpdateProviderSettingsRequest", "ProviderSettingsResponse" })
        {
            schemas.GetProperty(name).GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().NotContain(
                p => p.Contains("token", StringComparison.OrdinalIgnoreCase) || p.Contains("password", StringComparison.OrdinalIgnoreCase), name);
        }
    }

    [Fact]
    public async Task The_interactive_API_reference_is_only_served_in_Development()
    {
        using var response = await Fixture.AnonymousClient().GetAsync("/scalar");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, "the tests run the host in the Testing environment");
    }

    private async Task<JsonElement> OpenApiAsync()
    {
        using var response = await Fixture.AnonymousClient().GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
