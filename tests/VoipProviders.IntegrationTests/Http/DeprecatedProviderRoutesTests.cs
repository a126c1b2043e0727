using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Http;

/// <summary>
/// ADR-022: the first shape's <c>/api/v1/providers/{id}/verify|repair|audit-events</c> crossed the Twilio routes, so they
/// moved under <c>/api/v1/providers/twilio/{id}</c>. The old routes still answer as before, for callers written against
/// them, marked with <c>Deprecation</c> and a <c>Link</c> to their successor, and are left out of the OpenAPI document.
/// </summary>
public sealed class DeprecatedProviderRoutesTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string DeprecatedSince = "@1796515200";

    [Fact]
    public async Task The_old_verify_route_verifies_the_provider_and_names_its_successor()
    {
        var id = await ConnectAsync();

        using var response = await ClientFor().PostAsync($"{ProvidersPath}/{id}/verify", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await ReadJsonAsync(response);
        body.GetProperty("status").GetString().Should().Be("verified");
        body.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("checkName").GetString()).Should().Contain(["Credentials", "Trunk"]);
        AssertDeprecated(response, $"{TwilioProvidersPath}/{id}/verify");
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("verified");
    }

    [Fact]
    public async Task The_old_repair_route_plans_the_same_repair_as_its_successor()
    {
        var id = await ConnectAsync();

        using var old = await ClientFor().PostAsync($"{ProvidersPath}/{id}/repair?dryRun=true", null);
        using var current = await ClientFor().PostAsync($"{TwilioProvidersPath}/{id}/repair?dryRun=true", null);

        old.StatusCode.Should().Be(HttpStatusCode.OK);
        current.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(old)).GetProperty("actions").GetArrayLength().Should().Be(0);
        (await ReadJsonAsync(current)).GetProperty("actions").GetArrayLength().Should().Be(0);
        AssertDeprecated(old, $"{TwilioProvidersPath}/{id}/repair");
        current.Headers.Contains("Deprecation").Should().BeFalse("the successor is the current route");
    }

    [Fact]
    public async Task The_old_audit_route_answers_the_same_page_as_its_successor()
    {
        var id = await ConnectAsync();

        using var old = await ClientFor().GetAsync($"{ProvidersPath}/{id}/audit-events");
        using var current = await ClientFor().GetAsync($"{TwilioProvidersPath}/{id}/audit-events");

        old.StatusCode.Should().Be(HttpStatusCode.OK);
        (await old.Content.ReadAsStringAsync()).Should().Be(await current.Content.ReadAsStringAsync());
        old.Headers.ETag.Should().Be(current.Headers.ETag);
        AssertDeprecated(old, $"{TwilioProvidersPath}/{id}/audit-events");
    }

    [Fact]
    public async Task Problems_from_an_old_route_are_marked_too()
    {
        var foreign = await ConnectAsync(OrgB);

        using var notFound = await ClientFor().PostAsync($"{ProvidersPath}/{foreign}/verify", null);
        using var malformed = await ClientFor().GetAsync($"{ProvidersPath}/not-a-uuid/audit-events");

        notFound.StatusCode.Should().Be(HttpStatusCode.NotFound);
        AssertDeprecated(notFound, $"{TwilioProvidersPath}/{foreign}/verify");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(malformed)).GetProperty("errors").TryGetProperty("id", out _).Should().BeTrue();
        AssertDeprecated(malformed, $"{TwilioProvidersPath}/not-a-uuid/audit-events");
    }

    [Fact]
    public async Task The_document_has_one_path_per_operation_and_none_of_the_old_routes()
    {
        using var response = await Fixture.AnonymousClient().GetAsync("/openapi/v1.json");
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");

        var names = paths.EnumerateObject().Select(p => p.Name).ToList();
        names.Should().Contain(["/api/v1/providers/twilio/{id}/verify", "/api/v1/providers/twilio/{id}/repair", "/api/v1/providers/twilio/{id}/audit-events"]);
        names.Should().NotContain(["/api/v1/providers/{id}/verify", "/api/v1/providers/{id}/repair", "/api/v1/providers/{id}/audit-events"]);
        names.Where(name => name.StartsWith("/api/v1/providers/{id}/", StringComparison.Ordinal))
            .Should().BeEmpty("any path under /providers/{id}/ of the same depth crosses /providers/twilio/{id}");
    }

    private static void AssertDeprecated(HttpResponseMessage response, string successor)
    {
        response.Headers.GetValues("Deprecation").Should().Equal(DeprecatedSince);
        response.Headers.GetValues("Link").Should().Equal($"<{successor}>; rel=\"successor-version\"");
    }
}
