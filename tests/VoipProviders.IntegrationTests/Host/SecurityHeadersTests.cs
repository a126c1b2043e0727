using System.Net;
using System.Net.Http.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>Every answer tells browsers not to guess its type (issue #22): successes, refusals, problems, health and the document.</summary>
public sealed class SecurityHeadersTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Every_kind_of_answer_carries_X_Content_Type_Options_nosniff()
    {
        var id = await ConnectAsync();
        using var anonymous = Fixture.AnonymousClient();

        using var ok = await GetTwilioProviderAsync(id);
        using var notFound = await GetTwilioProviderAsync(Guid.CreateVersion7());
        using var badRequest = await ClientFor().PostAsJsonAsync(TwilioProvidersPath, new { accountSid = "nope" }, Json);
        using var unauthorized = await anonymous.GetAsync($"{TwilioProvidersPath}/{id}");
        using var live = await anonymous.GetAsync("/health/live");
        using var document = await anonymous.GetAsync("/openapi/v1.json");
        using var unknownRoute = await ClientFor().GetAsync("/api/v1/nothing-here");

        var answers = new[] { ok, notFound, badRequest, unauthorized, live, document, unknownRoute };
        answers.Select(a => a.StatusCode).Should().Equal(
            HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound);
        foreach (var answer in answers)
        {
            answer.Headers.TryGetValues("X-Content-Type-Options", out var values).Should().BeTrue($"{answer.RequestMessage!.RequestUri} answers {answer.StatusCode}");
            values.Should().Equal("nosniff");
        }
    }
}
