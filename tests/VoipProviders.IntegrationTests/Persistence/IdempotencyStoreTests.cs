using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Idempotency;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Infrastructure.BackgroundJobs;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// The Idempotency-Key's records in the real store: a claim is owned by its token, and the clean-up removes only what
/// is past the lifetime.
/// </summary>
public sealed class IdempotencyStoreTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string Endpoint = "create-twilio-provider";

    private IdempotencyRecordsProbe Records => new(Fixture.ConnectionString);

    [Fact]
    public async Task The_old_holder_of_a_key_taken_over_after_its_lock_can_neither_free_it_nor_store_its_response()
    {
        await using var holderA = Fixture.Services.CreateAsyncScope();
        await using var holderB = Fixture.Services.CreateAsyncScope();
        var claimA = await ClaimAsync(holderA, "taken-over");
        await Records.ExpireLockAsync("taken-over");
        var claimB = await ClaimAsync(holderB, "taken-over");
        claimA.Outcome.Should().Be(IdempotencyOutcome.Started);
        claimB.Outcome.Should().Be(IdempotencyOutcome.Started, "A held the key past its lock");
        claimB.Claimed!.Token.Should().NotBe(claimA.Claimed!.Token);
        var heldByB = await Records.FindAsync("taken-over");
        heldByB!.Value.ClaimToken.Should().Be(claimB.Claimed.Token);

        await holderA.ServiceProvider.GetRequiredService<IIdempotencyStore>().AbandonAsync(claimA.Claimed, CancellationToken.None);
        var storeA = () => StoreResponseAsync(holderA, claimA.Claimed, new StoredResponse(201, "application/json", """{"by":"A"}""", "/a", null));

        await storeA.Should().ThrowAsync<ConflictException>("A's claim is no longer the key's");
        (await Records.FindAsync("taken-over")).Should().BeEquivalentTo(heldByB, "B's claim is untouched");

        var responseB = new StoredResponse(201, "application/json", """{"by":"B"}""", "/b", "\"b-1\"");
        await StoreResponseAsync(holderB, claimB.Claimed, responseB);
        await using var retry = Fixture.Services.CreateAsyncScope();
        var replay = await ClaimAsync(retry, "taken-over");

        replay.Outcome.Should().Be(IdempotencyOutcome.Completed);
        replay.Response.Should().Be(responseB);
    }

    [Fact]
    public async Task The_clean_up_removes_the_records_past_the_lifetime_and_keeps_the_younger_ones()
    {
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            foreach (var key in new[] { "expired", "nearly-expired", "fresh" })
            {
                (await ClaimAsync(scope, key)).Outcome.Should().Be(IdempotencyOutcome.Started);
            }
        }

        await Records.AgeAsync("expired", TimeSpan.FromHours(25));
        await Records.AgeAsync("nearly-expired", TimeSpan.FromHours(23));

        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExpiredRecordsCleanup>().RunAsync(CancellationToken.None);
        }

        (await Records.KeysAsync()).Should().Equal("fresh", "nearly-expired");
    }

    private static async Task<IdempotencyClaim> ClaimAsync(AsyncServiceScope scope, string key)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes("body"));
        return await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>()
            .TryBeginAsync(Org(OrgA), Endpoint, key, body, CancellationToken.None);
    }

    /// <summary>What a create that holds <paramref name="claim"/> does at its commit, with nothing else to save.</summary>
    private static async Task StoreResponseAsync(AsyncServiceScope scope, ClaimedIdempotencyKey claim, StoredResponse response)
    {
        var idempotency = scope.ServiceProvider.GetRequiredService<IdempotencyContext>();
        idempotency.Begin(claim, _ => response);
        idempotency.OfferResult(new object());
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(CancellationToken.None);
    }
}
