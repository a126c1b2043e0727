using System.Net;
using System.Net.Http.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>
/// The Idempotency-Key when the database fails around it: the response is stored in the create's own transaction, and
/// a claim whose answer was lost is retried as the same claim.
/// </summary>
public sealed class IdempotencyKeyFaultTests(IntegrationFixture fixture, IdempotencyFaultReplica replica) : IntegrationTest(fixture), IClassFixture<IdempotencyFaultReplica>
{
    [Fact]
    public async Task A_create_answers_201_and_its_retry_replays_it_though_nothing_could_be_stored_after_its_commit()
    {
        var host = await replica.StartedAsync(Fixture);
        var interceptor = replica.Interceptor;
        interceptor.FailResponsesStoredOutsideATransaction();
        var body = NewProvider().Body();

        using var first = await PostAsync(host, body, "atomic-1");
        using var retry = await PostAsync(host, body, "atomic-1");

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retry.StatusCode.Should().Be(HttpStatusCode.Created, "the response was stored with the provider: " + await retry.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.Should().Be(first.Headers.Location);
        interceptor.Broken.Should().Be(0, "no response is stored apart from the create's commit");
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle();
        (await Database.CountProvidersAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_claim_whose_answer_was_lost_is_tried_again_as_the_same_claim_not_as_a_request_in_progress()
    {
        var host = await replica.StartedAsync(Fixture);
        var interceptor = replica.Interceptor;
        interceptor.LoseAnswerOfNextClaim();
        var body = NewProvider().Body();

        using var first = await PostAsync(host, body, "lost-claim-1");
        using var retry = await PostAsync(host, body, "lost-claim-1");

        interceptor.Broken.Should().Be(1, "the claim's answer was lost once");
        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        Twilio.RequestsFor(TwilioOperation.CreateTrunk).Should().ContainSingle();
        (await Database.CountProvidersAsync()).Should().Be(1);
    }

    private static async Task<HttpResponseMessage> PostAsync(TestHost host, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TwilioProvidersPath) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await host.ClientFor(OrgA).SendAsync(request);
    }
}
