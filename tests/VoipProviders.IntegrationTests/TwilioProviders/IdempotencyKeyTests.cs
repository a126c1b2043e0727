using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Infrastructure.Auditing;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>Retrying a connect with the same Idempotency-Key is safe: it never builds a second trunk.</summary>
public sealed class IdempotencyKeyTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private IdempotencyRecordsProbe Records => new(Fixture.ConnectionString);

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
        retry.Content.Headers.ContentType.Should().Be(first.Content.Headers.ContentType);
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

        // Each organization's retry answers its own first response, never the other's (the look-up of a key that is
        // taken is scoped to the caller's organization, like the claim).
        using var retryInB = await PostAsync(builder.Body(), "shared-key", OrgB);
        using var retryInA = await PostAsync(builder.Body(), "shared-key", OrgA);
        retryInB.StatusCode.Should().Be(HttpStatusCode.Created, await retryInB.Content.ReadAsStringAsync());
        retryInA.StatusCode.Should().Be(HttpStatusCode.Created, await retryInA.Content.ReadAsStringAsync());
        retryInB.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        retryInB.Headers.Location.Should().Be(inB.Headers.Location).And.NotBe(inA.Headers.Location);
        (await retryInB.Content.ReadAsStringAsync()).Should().Be(await inB.Content.ReadAsStringAsync());
        retryInA.Headers.Location.Should().Be(inA.Headers.Location);
        (await retryInA.Content.ReadAsStringAsync()).Should().Be(await inA.Content.ReadAsStringAsync());
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

    [Fact]
    public async Task A_key_past_its_lifetime_is_fresh_though_the_clean_up_has_not_removed_it_yet()
    {
        using (var first = await PostAsync(NewProvider().Body(), "day-old"))
        {
            first.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        await Records.AgeAsync("day-old", TimeSpan.FromHours(25));

        using var later = await PostAsync(NewProvider().Body(), "day-old");

        later.StatusCode.Should().Be(HttpStatusCode.Created, "a day-old use of the key is forgotten: " + await later.Content.ReadAsStringAsync());
        later.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await Database.CountProvidersAsync()).Should().Be(2);
    }

    [Fact]
    public async Task A_key_held_by_a_request_that_never_finished_is_taken_over_once_its_lock_expired()
    {
        var body = Utf8(NewProvider().Body());
        await using (var deadRequest = Fixture.Services.CreateAsyncScope())
        {
            using var stream = new MemoryStream(body);
            var claim = await deadRequest.ServiceProvider.GetRequiredService<IIdempotencyStore>()
                .TryBeginAsync(Org(OrgA), "create-twilio-provider", "orphaned", stream, CancellationToken.None);
            claim.Outcome.Should().Be(IdempotencyOutcome.Started);
        }

        using (var whileLocked = await PostAsync(body, "orphaned"))
        {
            whileLocked.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await ReadJsonAsync(whileLocked)).GetProperty("code").GetString().Should().Be("idempotency_request_in_progress");
        }

        await Records.ExpireLockAsync("orphaned");
        using var afterLock = await PostAsync(body, "orphaned");
        using var retry = await PostAsync(body, "orphaned");

        afterLock.StatusCode.Should().Be(HttpStatusCode.Created, await afterLock.Content.ReadAsStringAsync());
        afterLock.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle();
    }

    [Fact]
    public async Task A_400_or_a_422_does_not_keep_the_key_and_the_corrected_request_runs_under_it()
    {
        var builder = NewProvider();
        var wrongToken = builder.Body();
        wrongToken["authToken"] = NewToken();

        using var invalid = await PostAsync(builder.InRegion("xx9").Body(), "corrected");
        using var rejected = await PostAsync(wrongToken, "corrected");
        using var corrected = await PostAsync(builder.InRegion("ie1").Body(), "corrected");

        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(invalid)).GetProperty("errors").TryGetProperty("region", out _).Should().BeTrue();
        rejected.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ReadJsonAsync(rejected)).GetProperty("code").GetString().Should().Be("twilio_credentials_rejected");
        corrected.StatusCode.Should().Be(HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync());
        corrected.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        (await ReadJsonAsync(corrected)).GetProperty("region").GetString().Should().Be("ie1");
    }

    [Fact]
    public async Task The_body_is_told_apart_by_a_keyed_hash_not_a_bare_SHA_256_of_its_Auth_Token()
    {
        var body = Utf8(NewProvider().Body());

        using var first = await PostAsync(body, "keyed");
        using var retry = await PostAsync(body, "keyed");
        using var other = await PostAsync(NewProvider().Body(), "keyed");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var stored = (await Records.FindAsync("keyed"))!.Value.RequestHash;
        stored.Should().NotEqual(SHA256.HashData(body));
        var key = await Fixture.Services.GetRequiredService<ModuleKeys>().GetAsync(IdempotencyStore.RequestHashKeyName, CancellationToken.None);
        stored.Should().Equal(HMACSHA256.HashData(key, body), "an HMAC under the deployment's own key");
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await ReadJsonAsync(other)).GetProperty("code").GetString().Should().Be("idempotency_key_reused");
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle();
    }

    private static byte[] Utf8(object body) => JsonSerializer.SerializeToUtf8Bytes(body, Json);

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioProvidersPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json", Encoding.UTF8.WebName);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await ClientFor(OrgA).SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostAsync(object body, string key, string organizationId = OrgA)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioProvidersPath) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await ClientFor(organizationId).SendAsync(request);
    }
}
