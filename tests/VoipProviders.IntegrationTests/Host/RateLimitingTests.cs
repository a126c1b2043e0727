using System.Net;
using System.Net.Http.Json;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>ADR-010: mutating requests are limited per organization (<c>RateLimiting:MutatingRequestsPerMinutePerOrganization</c>).</summary>
public sealed class RateLimitingTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Past_the_limit_an_organizations_changes_answer_429_rate_limited_while_other_organizations_and_reads_pass()
    {
        await using var host = await StartHostWithLimitAsync("3");
        using var orgA = host.ClientFor(OrgA);
        using var orgB = host.ClientFor(OrgB);
        using var anonymous = host.AnonymousClient();

        // Refused by authentication first: anonymous requests spend nobody's budget.
        for (var i = 0; i < 5; i++)
        {
            using var refused = await anonymous.DeleteAsync($"{ProvidersPath}/{Guid.NewGuid()}");
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using (var post = await orgA.PostAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}/verify", null))
        using (var put = await orgA.PutAsJsonAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}", new { name = "x" }))
        using (var delete = await orgA.DeleteAsync($"{ProvidersPath}/{Guid.NewGuid()}"))
        {
            foreach (var response in new[] { post, put, delete })
            {
                response.StatusCode.Should().Be(HttpStatusCode.NotFound, "three changes a minute are allowed");
            }
        }

        using var fourth = await orgA.PatchAsJsonAsync($"{TwilioProvidersPath}/{Guid.NewGuid()}/auth-token", new { authToken = NewToken() });
        var problem = await fourth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = fourth.Headers.RetryAfter!.Delta!.Value;
        retryAfter.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(20),
            "a token comes back every 20 s at 3 a minute");
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be((int)retryAfter.TotalSeconds);

        using var otherOrganization = await orgB.DeleteAsync($"{ProvidersPath}/{Guid.NewGuid()}");
        otherOrganization.StatusCode.Should().Be(HttpStatusCode.NotFound, "each organization has its own budget");
        using var read = await orgA.GetAsync(ProvidersPath);
        read.StatusCode.Should().Be(HttpStatusCode.OK, "reads are not limited");
        using var fifth = await orgA.DeleteAsync($"{ProvidersPath}/{Guid.NewGuid()}");
        await fifth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_limit_of_0_turns_limiting_off()
    {
        await using var host = await StartHostWithLimitAsync("0");
        using var client = host.ClientFor(OrgA);

        for (var i = 0; i < 130; i++)
        {
            using var response = await client.DeleteAsync($"{ProvidersPath}/{Guid.NewGuid()}");
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    public void A_limit_that_is_not_a_count_stops_the_host(string value)
    {
        var failure = HostStart.FailureOf(
            Fixture, new Dictionary<string, string> { ["RateLimiting:MutatingRequestsPerMinutePerOrganization"] = value });

        failure.Should().Contain("MutatingRequestsPerMinutePerOrganization");
    }

    private Task<TestHost> StartHostWithLimitAsync(string perMinute) =>
        Fixture.StartHostAsync(new Dictionary<string, string>
        {
            ["RateLimiting:MutatingRequestsPerMinutePerOrganization"] = perMinute,
            ["BackgroundJobs:Enabled"] = "false",
        });
}
