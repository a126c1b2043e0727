using System.Net;
using System.Net.Http.Json;
using VoipProviders.Contracts;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.Events;

/// <summary>
/// Issue 19 §1/§3: a handler sees each provider's events in commit order — <see cref="IntegrationEvent.Sequence"/> 1, 2,
/// 3… without gaps and the provider's version never going back — even when several clients change the provider at
/// once and the dispatcher delivers while they do.
/// </summary>
public sealed class OrderingPerProviderTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const int Clients = 4;
    private const int RenamesPerClient = 6;

    private EventTables Events => new(Fixture.ConnectionString);

    [Fact]
    public async Task Concurrent_changes_reach_the_handler_in_sequence_order_without_gaps()
    {
        await Fixture.PauseBackgroundJobsAsync();
        var recorder = new RecordingEventHandler();
        await using var replica = await Fixture.StartHostAsync(testServices: recorder.RegisterIn);
        var client = replica.ClientFor(OrgA);
        // Two providers changed side by side: each has its own stream.
        var ids = new List<Guid>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var created = await client.PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());
            created.StatusCode.Should().Be(HttpStatusCode.Created);
            ids.Add((await ReadJsonAsync(created)).GetProperty("id").GetGuid());
        }

        var succeeded = 0;
        var lostRaces = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Clients * ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Clients * ids.Count },
            async (worker, token) =>
            {
                var providerId = ids[worker % ids.Count];
                using var http = replica.ClientFor(OrgA);
                for (var renamed = 0; renamed < RenamesPerClient;)
                {
                    using var get = await http.GetAsync($"{TwilioProvidersPath}/{providerId}", token);
                    var etag = get.Headers.ETag!.ToString();
                    using var put = await http.UpdateTwilioProviderAsync(providerId, new { name = $"w{worker}-r{renamed}" }, etag);
                    // Lost the race: 412 (another rename committed since the read) or 409 (one committed at the same time).
                    if (put.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
                    {
                        Interlocked.Increment(ref lostRaces);
                        continue;
                    }

                    put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(token));
                    Interlocked.Increment(ref succeeded);
                    renamed++;
                }
            });

        succeeded.Should().Be(Clients * ids.Count * RenamesPerClient, $"every rename committed in the end ({lostRaces} attempts lost a race and were retried)");
        await EventuallyAsync(async () => (await Events.DeliveriesAsync()).Count == 0, "every event was delivered");

        foreach (var id in ids)
        {
            var heard = recorder.Events.Where(e => e.ProviderId == id).ToList();
            heard.Should().HaveCount(1 + (Clients * RenamesPerClient), "the connect, then every rename, each once");
            heard.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, heard.Count).Select(i => (long)i), "commit order, no gaps");
            heard.Select(e => e.ProviderVersion).Should().BeInAscendingOrder();
            heard.Select(e => e.ProviderVersion).Should().OnlyHaveUniqueItems("every rename made a new version");
            heard[0].Should().BeOfType<ProviderConnected>();
            heard.Skip(1).Should().AllBeOfType<ProviderUpdated>();
            var stored = await Events.EventsAsync(id);
            heard.Select(e => e.EventId).Should().Equal(stored.Select(e => e.Id), "the handler heard the stored events in their order");
            ((ProviderUpdated)heard[^1]).Name.Should().Be(await Database.ColumnAsync(id, "name"), "the last event heard is the provider's state now");
        }
    }
}
