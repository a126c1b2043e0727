using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Single statements that commit on their own, outside the unit of work — a connect's claim, a verification's lease, the
/// sweep's claim, a verification result with its event — are sent again by the execution strategy when their answer is
/// lost. Each must find what its first attempt did and go on: the outcome is the one without the fault (no 409, no
/// lease left to expire, no provider skipped, no 500).
/// </summary>
public sealed class LostStatementAnswerTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_connect_whose_claim_answer_is_lost_is_answered_201_not_409()
    {
        var (host, interceptor) = await StartHostAsync();
        await using var _ = host;
        interceptor.LoseAnswerOfNext("INSERT INTO voip_providers.provider_connect_claims");
        using var client = host.ClientFor(OrgA);

        using var response = await client.PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        interceptor.Broken.Should().Be(1, "the claim's answer was lost once and the claim sent again");
        (await Database.CountProvidersAsync()).Should().Be(1);
        (await CountAsync("provider_connect_claims")).Should().Be(0, "the claim went back after the commit");
    }

    [Fact]
    public async Task A_verification_whose_lease_answer_is_lost_is_answered_200_and_leaves_no_lease()
    {
        var id = await ConnectAsync();
        var (host, interceptor) = await StartHostAsync();
        await using var _ = host;
        interceptor.LoseAnswerOfNext("INSERT INTO voip_providers.provider_verification_leases");
        using var client = host.ClientFor(OrgA);

        using var response = await client.PostAsync($"{TwilioProvidersPath}/{id}/verify", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        interceptor.Broken.Should().Be(1);
        (await Database.ColumnAsync(id, "last_verified_at")).Should().NotBeNull();
        (await Database.CountVerificationLeasesAsync()).Should().Be(0, "the run ended its own lease");
    }

    [Fact]
    public async Task A_sweep_whose_claim_answer_is_lost_verifies_the_providers_it_claimed()
    {
        var id = await ConnectAsync();
        await Database.ExecuteAsync($"UPDATE voip_providers.twilio_providers SET next_verification_at = now() - interval '1 minute' WHERE id = '{id}'");
        var (host, interceptor) = await StartHostAsync(new Dictionary<string, string> { ["Verification:SweepEnabled"] = "true" });
        await using var _ = host;
        interceptor.LoseAnswerOfNext("INSERT INTO voip_providers.provider_verification_leases");

        int verified;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            verified = await scope.ServiceProvider.GetRequiredService<VerificationSweep>().RunAsync(CancellationToken.None);
        }

        interceptor.Broken.Should().Be(1);
        verified.Should().Be(1, "the claim sent again found the lease its first attempt took");
        (await Database.ColumnAsync(id, "last_verified_at")).Should().NotBeNull();
        (await Database.CountVerificationLeasesAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_verification_result_whose_commit_answer_is_lost_is_answered_200_and_announced_once()
    {
        var id = await ConnectAsync();
        var interceptor = new LostCommitInterceptor();
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor);
        interceptor.LoseAnswerOfNextCommits();
        using var client = host.ClientFor(OrgA);

        using var response = await client.PostAsync($"{TwilioProvidersPath}/{id}/verify", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        interceptor.Broken.Should().Be(1, "the result and its event committed, but the answer was lost");
        (await Database.CountIntegrationEventsAsync(nameof(ProviderVerificationStatusChanged))).Should().Be(1);
        (await Database.ColumnAsync(id, "verification_status")).Should().Be("verified");
        (await Database.CountVerificationLeasesAsync()).Should().Be(0);
    }

    private async Task<(TestHost Host, LostStatementAnswerInterceptor Interceptor)> StartHostAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var interceptor = new LostStatementAnswerInterceptor();
        return (await Fixture.StartHostInterceptingAsync(interceptor, settings), interceptor);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM voip_providers.{table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
