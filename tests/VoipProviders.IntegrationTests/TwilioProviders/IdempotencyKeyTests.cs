using System.Net;
using System.Net.Http.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>Retrying a connect with the same Idempotency-Key is safe: it never builds a second trunk.</summary>
public sealed class IdempotencyKeyTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_retry_with_the_same_key_and_body_answers_the_first_response_without_running_again()
    {
        var body = NewProvider().Body();

        using var first = await PostAsync(body, "connect-1");
        using var retry = await PostAsync(body, "connect-1");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.Should().Be(first.Headers.Location);
        retry.Headers.ETag.Should().Be(first.Headers.ETag);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle();
        (await Database.CountProvidersAsync()).Should().Be(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_runs_nothing()
    {
        using var first = await PostAsync(NewProvider().Body(), "connect-2");
        Twilio.ClearRequests();

        using var other = await PostAsync(NewProvider().Body(), "connect-2");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ReadJsonAsync(other)).GetProperty("code").GetString().Should().Be("idempotency_key_reused");
        Twilio.Requests.Should().BeEmpty();
        (await Database.CountProvidersAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_retry_after_a_failure_runs_again()
    {
        var body = NewProvider().Body();
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, [.. Enumerable.Repeat(EmulatedFault.Http(500), VoipProvidersApiFactory.MaxRetryAttempts + 1)]);
        using (var failed = await PostAsync(body, "connect-3"))
        {
            failed.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        }

        using var retry = await PostAsync(body, "connect-3");

        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.Contains("Idempotent-Replayed").Should().BeFalse("the failure was not kept");
    }

    [Fact]
    public async Task A_retry_while_the_first_still_runs_is_a_409_and_builds_nothing()
    {
        var body = NewProvider().Body();
        using var atTwilio = Twilio.Hold(TwilioOperation.FetchAccount, BarrierTimeout);
        var first = PostAsync(body, "connect-4");
        await atTwilio.WhenHeldAsync(); // the first request holds the key and waits for Twilio

        using var retry = await PostAsync(body, "connect-4");
        atTwilio.Release();
        using var firstResponse = await first;

        retry.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ReadJsonAsync(retry)).GetProperty("code").GetString().Should().Be("idempotency_request_in_progress");
        retry.Headers.RetryAfter.Should().NotBeNull();
        firstResponse.StatusCode.Should().Be(HttpStatusCode.Created);
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle();
    }

    [Fact]
    public async Task Keys_belong_to_one_organization()
    {
        var builder = NewProvider();

        using var inA = await PostAsync(builder.Body(), "shared-key", OrgA);
        using var inB = await PostAsync(builder.Body(), "shared-key", OrgB);

        inA.StatusCode.Should().Be(HttpStatusCode.Created);
        inB.StatusCode.Should().Be(HttpStatusCode.Created);
        inB.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await Database.CountProvidersAsync()).Should().Be(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("with\ttab")]
    public async Task An_unusable_key_is_a_400_and_runs_nothing(string key)
    {
        using var response = await PostAsync(NewProvider().Body(), key.Length == 0 ? new string('k', 256) : key);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("invalid_idempotency_key");
        Twilio.Requests.Should().BeEmpty();
    }

    private async Task<HttpResponseMessage> PostAsync(object body, string key, string organizationId = OrgA)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioProvidersPath) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await ClientFor(organizationId).SendAsync(request);
    }
}
