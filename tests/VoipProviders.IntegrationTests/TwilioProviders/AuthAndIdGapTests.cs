using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using VoipProviders.IntegrationTests.Host;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>
/// The refusals every changing endpoint owes before it does anything: no token (401), a token without an
/// organization (403), a malformed id (400 naming <c>id</c>), a body that is not JSON (415) — each problem+json with a
/// code, nothing stored, nothing sent to Twilio.
/// </summary>
public sealed class AuthAndIdGapTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Rotation_with_a_malformed_id_is_a_400_naming_id()
    {
        using var response = await ClientFor().PatchAsJsonAsync($"{TwilioProvidersPath}/not-a-uuid/auth-token", new { authToken = NewToken() });

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        problem.GetProperty("errors").TryGetProperty("id", out _).Should().BeTrue();
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Rotation_without_a_token_is_a_401_and_changes_nothing()
    {
        var id = await ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);

        using var response = await Fixture.AnonymousClient().PatchAsJsonAsync($"{TwilioProvidersPath}/{id}/auth-token", new { authToken = NewToken() });

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Rotation_with_a_token_without_an_organization_is_a_403_and_changes_nothing()
    {
        var id = await ConnectAsync();
        var before = await Database.ProviderRowSnapshotAsync(id);

        using var response = await WithoutOrganization().PatchAsJsonAsync($"{TwilioProvidersPath}/{id}/auth-token", new { authToken = NewToken() });

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(before);
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Create_without_a_token_is_a_401_and_stores_nothing()
    {
        using var response = await Fixture.AnonymousClient().PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        (await Database.CountProvidersAsync()).Should().Be(0);
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Create_with_a_token_without_an_organization_is_a_403_and_stores_nothing()
    {
        using var response = await WithoutOrganization().PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        (await Database.CountProvidersAsync()).Should().Be(0);
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Create_with_a_body_that_is_not_JSON_is_a_415_and_stores_nothing()
    {
        var builder = NewProvider();
        using var content = new StringContent($"accountSid={builder.Account.Sid}&authToken={builder.Account.AuthToken}", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await ClientFor().PostAsync(TwilioProvidersPath, content);

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        problem.GetRawText().Should().NotContain(builder.Account.AuthToken);
        (await Database.CountProvidersAsync()).Should().Be(0);
        Twilio.Requests.Should().BeEmpty();
    }

    private HttpClient WithoutOrganization()
    {
        var client = Fixture.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.WithoutOrganization());
        return client;
    }

    private static async Task<System.Text.Json.JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = await ReadJsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be(code);
        problem.TryGetProperty("traceId", out _).Should().BeTrue();
        return problem;
    }
}
