using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>ADR-010: every error answer — the framework's own included — is problem+json with a code and a traceId.</summary>
public sealed class ProblemResponseTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v2/providers")]
    [InlineData("/favicon.ico")]
    public async Task An_unknown_route_answers_404_route_not_found_with_or_without_a_token(string path)
    {
        using var authenticated = await ClientFor().GetAsync(path);
        using var anonymous = await Fixture.AnonymousClient().GetAsync(path);

        (await authenticated.ShouldBeProblemAsync(HttpStatusCode.NotFound, "route_not_found"))
            .GetProperty("instance").GetString().Should().Be(path);
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.NotFound, "route_not_found");
    }

    [Fact]
    public async Task A_missing_resource_still_answers_its_own_not_found_code()
    {
        using var response = await GetProviderAsync(Guid.NewGuid());

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_method_the_route_does_not_support_answers_405_method_not_allowed_with_Allow()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, ProvidersPath) { Content = JsonContent.Create(new { }) };

        using var response = await ClientFor().SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        response.Content.Headers.Allow.Should().Contain("GET");
    }

    [Fact]
    public async Task A_request_without_a_token_answers_401_unauthorized()
    {
        using var response = await Fixture.AnonymousClient().PostAsJsonAsync(TwilioProvidersPath, new { accountSid = "AC" + new string('0', 32) });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_rejected_token_answers_401_unauthorized_without_saying_why()
    {
        var expired = TestTokens.Expired(OrgA);
        using var client = Fixture.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", expired);

        using var response = await client.GetAsync(ProvidersPath);
        var body = await response.Content.ReadAsStringAsync();

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        var challenge = response.Headers.WwwAuthenticate.Should().ContainSingle().Subject;
        challenge.Scheme.Should().Be("Bearer");
        challenge.Parameter.Should().BeNull("IncludeErrorDetails is off: no error or error_description tells a caller why the token failed");
        body.Should().NotContainAny("expired", "IDX", "lifetime");
    }

    [Fact]
    public async Task A_token_without_org_id_answers_403_forbidden()
    {
        using var client = Fixture.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.WithoutOrganization());

        using var response = await client.DeleteAsync($"{ProvidersPath}/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_answers_415_unsupported_media_type_without_echoing_it()
    {
        using var content = new StringContent("accountSid=AC123", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await ClientFor().PostAsync(TwilioProvidersPath, content);
        var body = await response.Content.ReadAsStringAsync();

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        body.Should().NotContain("x-www-form-urlencoded");
        Twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_edge_problems_where_they_can_happen()
    {
        using var response = await Fixture.AnonymousClient().GetAsync("/openapi/v1.json");
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        IEnumerable<string> StatusesOf(string path, string method) =>
            paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name);

        StatusesOf("/api/v1/providers/twilio", "post").Should().Contain(["401", "403", "413", "429", "500", "503"]);
        StatusesOf("/api/v1/providers/twilio/{id}/auth-token", "patch").Should().Contain(["413", "429", "503"]);
        StatusesOf("/api/v1/providers/{id}", "delete").Should().Contain(["429", "503"]).And.NotContain("413", "DELETE reads no body");
        StatusesOf("/api/v1/providers", "get").Should().Contain(["401", "403", "500", "503"]).And.NotContain(["413", "429"], "reads are not limited");
    }

    /// <summary>
    /// An unexpected exception, provoked the way one would really happen: another module's implementation of a
    /// contract (here <see cref="IPhoneNumberUsage"/>, asked before a number is removed) has a bug. It runs in a
    /// dedicated replica whose DI registers that module as well; nothing in the product has a test-only path.
    /// </summary>
    [Fact]
    public async Task An_unexpected_error_answers_500_internal_error_with_the_traceId_and_no_exception_details()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(id, number.Sid)).Single();
        await using var host = await Fixture.StartHostAsync(
            new Dictionary<string, string> { ["BackgroundJobs:Enabled"] = "false" },
            services => services.AddSingleton<IPhoneNumberUsage, BrokenAgentsModule>());

        using var response = await host.ClientFor(OrgA).DeleteAsync($"{TwilioProvidersPath}/{id}/phone-numbers/{numberId}");
        var body = await response.Content.ReadAsStringAsync();

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        body.Should().NotContainAny(BrokenAgentsModule.Message, nameof(BrokenAgentsModule), "InvalidOperationException", " at ", ".cs:line");
        problem.TryGetProperty("exception", out _).Should().BeFalse();
        var traceId = problem.GetProperty("traceId").GetString();
        host.Logs.GetSnapshot().Should().Contain(
            record => record.Level == LogLevel.Error && record.Exception != null && record.Exception.Message == BrokenAgentsModule.Message,
            "the exception and its stack trace go to the log instead");
        traceId.Should().NotBeNullOrEmpty();
        (await Database.CountImportedNumbersAsync()).Should().Be(1, "nothing changed");
    }

    private sealed class BrokenAgentsModule : IPhoneNumberUsage
    {
        public const string Message = "agents module bug: connection string Host=agents-db;Password=hunter2";

        public Task<IReadOnlyList<PhoneNumberUser>> FindUsersAsync(PhoneNumberReference number, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Message);

        public Task ReleaseAsync(PhoneNumberReference number, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
