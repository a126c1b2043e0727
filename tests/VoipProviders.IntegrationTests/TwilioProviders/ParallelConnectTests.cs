using System.Net;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders;

/// <summary>Two requests connecting one account in one organization: only one may build anything in Twilio.</summary>
public sealed class ParallelConnectTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_second_of_two_parallel_connects_of_one_account_gets_409_before_any_Twilio_call()
    {
        var builder = NewProvider();
        using var atTwilio = Twilio.Hold(TwilioOperation.FetchAccount, BarrierTimeout);
        var first = CreateProviderAsync(builder.Body());
        await atTwilio.WhenHeldAsync(); // the first request holds its claim and waits for Twilio

        using var second = await CreateProviderAsync(builder.Body());
        atTwilio.Release();
        using var firstResponse = await first;

        firstResponse.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ReadJsonAsync(second)).GetProperty("code").GetString().Should().Be("provider_connect_in_progress");
        Twilio.RequestsFor(TwilioOperation.FetchAccount).Should().ContainSingle("the second request never reached Twilio");
        Twilio.Trunks.Should().ContainSingle();
        Twilio.CredentialLists.Should().ContainSingle();
        (await Database.CountProvidersAsync()).Should().Be(1);
    }

    [Fact]
    public async Task The_same_account_connects_in_two_organizations_at_once()
    {
        var builder = NewProvider(OrgA);
        Twilio.SetLatency(TwilioOperation.FetchAccount, TimeSpan.FromMilliseconds(500));

        var responses = await Task.WhenAll(CreateProviderAsync(builder.Body(), OrgA), CreateProviderAsync(builder.Body(), OrgB));

        responses.Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.Created));
        Twilio.Trunks.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_connect_that_failed_leaves_the_account_free_for_the_next_attempt()
    {
        var builder = NewProvider();
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, EmulatedFault.Http(401));
        using (var failed = await CreateProviderAsync(builder.Body()))
        {
            failed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        }

        using var retried = await CreateProviderAsync(builder.Body());

        retried.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_claim_left_by_a_process_that_died_expires()
    {
        var builder = NewProvider();
        await Database.ExecuteAsync(
            "INSERT INTO voip_providers.provider_connect_claims (organization_id, account_sid, claim_id, claimed_until) " +
            $"VALUES ('{OrgA}', '{builder.Account.Sid}', gen_random_uuid(), now() - interval '1 second')");

        using var response = await CreateProviderAsync(builder.Body());

        response.StatusCode.Should().Be(HttpStatusCode.Created, "an expired claim is taken over");
    }

    [Fact]
    public async Task A_live_claim_of_another_request_answers_409_and_nothing_reaches_Twilio()
    {
        var builder = NewProvider();
        await Database.ExecuteAsync(
            "INSERT INTO voip_providers.provider_connect_claims (organization_id, account_sid, claim_id, claimed_until) " +
            $"VALUES ('{OrgA}', '{builder.Account.Sid}', gen_random_uuid(), now() + interval '5 minutes')");

        using var response = await CreateProviderAsync(builder.Body());

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        Twilio.Requests.Should().BeEmpty();
    }
}
