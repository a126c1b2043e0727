using System.Net;
using System.Text.Json;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>What every error answer must be: problem+json with the status, a machine-readable code and a traceId.</summary>
internal static class ProblemAssertions
{
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status, body);
        problem.GetProperty("code").GetString().Should().Be(code, body);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrWhiteSpace(body);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace(body);
        return problem;
    }
}
