using System.Net;
using System.Net.Http.Json;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// A COMMIT whose answer is lost while the server is still running it: the transaction is neither committed nor
/// aborted when the unit of work asks what became of it. The evidence must wait for the outcome and say committed, never
/// "not committed" from a snapshot taken before — which made the save go again, conflict with itself, answer 409 and
/// (for a connect) delete the trunk of the provider it had stored. The host reaches PostgreSQL through a hop that resets
/// the client's connection once the COMMIT has left; a trigger keeps that COMMIT running until the evidence (or a save
/// sent again) waits for it.
/// </summary>
public sealed class InFlightCommitTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_connect_whose_commit_answer_is_lost_while_the_server_still_commits_is_answered_201_keeps_its_trunk_and_is_not_sent_again()
    {
        await using var link = CommitAnswerLosingLink.Start(Fixture.ConnectionString);
        var loss = new ProviderCommitAnswerLoss(link);
        await using var host = await StartHostThroughAsync(link, loss);
        await using var hold = await CommitHold.PlaceAsync(Fixture.ConnectionString);
        loss.LoseAnswerOfNextProviderCommit();
        using var client = host.ClientFor(OrgA);

        var sending = client.PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());
        await hold.ReleaseOnceTheCommitIsWaitedForAsync(loss.Lost, sending);
        using var response = await sending;

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetGuid();
        (await Database.CountProvidersAsync()).Should().Be(1);
        var trunk = Twilio.Trunks.Should().ContainSingle().Subject;
        (await Database.ColumnAsync(id, "trunk_sid")).Should().Be(trunk.Sid);
        Twilio.CredentialLists.Should().ContainSingle();
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().BeEmpty("the stored provider points at this trunk");
        Twilio.RequestsFor(TwilioOperation.DeleteCredentialList).Should().BeEmpty();
        loss.ProviderWrites.Should().Be(1, "the evidence waited for the COMMIT and found it committed: the save was not sent again");
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == CommitConfirmedAfterFailure);
    }

    [Fact]
    public async Task A_delete_whose_commit_answer_is_lost_while_the_server_still_commits_is_answered_204_and_not_sent_again()
    {
        var id = await ConnectAsync();
        await using var link = CommitAnswerLosingLink.Start(Fixture.ConnectionString);
        var loss = new ProviderCommitAnswerLoss(link);
        await using var host = await StartHostThroughAsync(link, loss);
        await using var hold = await CommitHold.PlaceAsync(Fixture.ConnectionString);
        loss.LoseAnswerOfNextProviderCommit();
        using var client = host.ClientFor(OrgA);

        var sending = client.DeleteAsync($"{ProvidersPath}/{id}");
        await hold.ReleaseOnceTheCommitIsWaitedForAsync(loss.Lost, sending);
        using var response = await sending;

        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        (await Database.CountProvidersAsync()).Should().Be(0);
        (await Database.CountIntegrationEventsAsync(nameof(ProviderDeleted))).Should().Be(1, "the delete committed once");
        loss.ProviderWrites.Should().Be(1, "the evidence waited for the COMMIT and found it committed: the save was not sent again");
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == CommitConfirmedAfterFailure);
        await EventuallyAsync(() => Task.FromResult(Twilio.Trunks.Count == 0), "the committed delete's clean-up removed the trunk");
    }

    /// <summary>PersistenceLog.CommitConfirmedAfterFailure.</summary>
    private const int CommitConfirmedAfterFailure = 3004;

    private Task<TestHost> StartHostThroughAsync(CommitAnswerLosingLink link, ProviderCommitAnswerLoss loss) =>
        Fixture.StartHostInterceptingAsync(loss, new Dictionary<string, string> { ["ConnectionStrings:VoipProviders"] = link.ConnectionString });
}
