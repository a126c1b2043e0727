using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Security;

/// <summary>
/// Control characters never travel to Twilio or PostgreSQL: a NUL in the token's org_id or in a name is a 400
/// naming the field, answered before any Twilio call, with nothing stored.
/// </summary>
public sealed class ControlCharacterTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Theory]
    [InlineData("org_\u0000acme")]
    [InlineData("org_acme\n")]
    [InlineData("org acme")]
    [InlineData("org_\u001bacme")]
    public async Task An_org_id_with_control_characters_or_whitespace_is_a_400_before_any_Twilio_call(string organizationId)
    {
        using var client = Fixture.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IntegrationFixture.TokenFor(organizationId));

        using var create = await client.PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());
        using var list = await client.GetAsync(ProvidersPath);
        using var idempotent = new HttpRequestMessage(HttpMethod.Post, TwilioProvidersPath) { Content = JsonContent.Create(NewProvider().Body()) };
        idempotent.Headers.TryAddWithoutValidation("Idempotency-Key", "retry-safe-1");
        using var createWithKey = await client.SendAsync(idempotent);

        create.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(create)).GetProperty("errors").TryGetProperty("organizationId", out _).Should().BeTrue();
        list.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        createWithKey.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the Idempotency-Key store never sees an organization id PostgreSQL would refuse");
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("Main\u0000Twilio")]
    [InlineData("Main\u2028Twilio")]
    [InlineData("Main\u202eTwilio")]
    public async Task A_name_with_control_characters_is_a_400_before_any_Twilio_call(string name)
    {
        var body = NewProvider().Body();
        body["name"] = name;

        using var response = await CreateProviderAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("name", out _).Should().BeTrue();
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(0);
    }
}
