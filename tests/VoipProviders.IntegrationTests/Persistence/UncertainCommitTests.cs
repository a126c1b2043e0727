using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.IntegrationTests.Auditing;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Persistence;

/// <summary>
/// Commits whose outcome the application cannot see directly: the connection resets while COMMIT is on its way. A
/// committed change must be answered as committed and never compensated; a save must never be replayed blindly.
/// </summary>
public sealed class UncertainCommitTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_create_whose_commit_answer_is_lost_is_answered_201_and_keeps_its_trunk()
    {
        var (host, interceptor) = await StartHostWithInterceptorAsync();
        await using var _ = host;
        var builder = NewProvider();
        interceptor.LoseAnswerOfNextCommits();

        using var response = await host.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, builder.Body());

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        interceptor.Broken.Should().Be(1, "the commit's answer was lost once");
        (await Database.CountProvidersAsync()).Should().Be(1);
        var trunk = Twilio.Trunks.Should().ContainSingle().Subject;
        (await Database.ColumnAsync((await ReadJsonAsync(response)).GetProperty("id").GetGuid(), "trunk_sid")).Should().Be(trunk.Sid);
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().BeEmpty("the stored provider points at this trunk: compensating would orphan the row");
        Twilio.RequestsFor(TwilioOperation.DeleteCredentialList).Should().BeEmpty();
    }

    [Fact]
    public async Task A_create_whose_insert_answer_is_lost_is_not_replayed_into_a_409_that_deletes_its_trunk()
    {
        var interceptor = new LostStatementAnswerInterceptor();
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor);
        interceptor.LoseAnswerOfNext(ProviderStatements.InsertsProvider);

        using var response = await host.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());

        interceptor.Broken.Should().Be(1);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await Database.CountProvidersAsync()).Should().Be(1);
        Twilio.Trunks.Should().ContainSingle();
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().BeEmpty();
    }

    [Fact]
    public async Task A_rotation_whose_commit_answer_is_lost_is_answered_200_not_409()
    {
        var (host, interceptor) = await StartHostWithInterceptorAsync();
        await using var _ = host;
        var builder = NewProvider();
        var id = await builder.ConnectAsync();
        var newToken = NewToken();
        Twilio.SetAuthToken(builder.Account.Sid, newToken);
        interceptor.LoseAnswerOfNextCommits();

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{TwilioProvidersPath}/{id}/auth-token") { Content = JsonContent.Create(new { authToken = newToken }) };
        using var response = await host.ClientFor(OrgA).SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        interceptor.Broken.Should().Be(1);
        (await Database.ColumnAsync(id, "version")).Should().Be("2", "the rotation was applied once");
        UnprotectAuthToken(id, (await Database.ColumnAsync(id, "auth_token_protected"))!).Should().Be(newToken);
    }

    [Fact]
    public async Task A_create_whose_first_save_reaches_the_server_after_the_evidence_was_read_is_answered_201_and_keeps_its_trunk()
    {
        // The evidence read after the lost attempt truthfully says "not committed"; the first attempt then commits just
        // before the second, which meets it as provider_already_exists. Only the evidence read again tells that this
        // conflict is the create's own: trusting it would answer 409 and delete the trunk of a committed provider.
        var interceptor = new LateStatementInterceptor(Fixture.ConnectionString);
        await using var host = await Fixture.StartHostInterceptingAsync(interceptor);
        var audit = new AuditRows(Fixture.ConnectionString);
        interceptor.DelayNext(ProviderStatements.InsertsProvider);

        using var response = await host.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());

        interceptor.Delivered.Should().Be(1, "the first save reached the server late, and the second met it there");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetGuid();
        (await Database.CountProvidersAsync()).Should().Be(1);
        var trunk = Twilio.Trunks.Should().ContainSingle().Subject;
        (await Database.ColumnAsync(id, "trunk_sid")).Should().Be(trunk.Sid);
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().BeEmpty("the stored provider points at this trunk");
        Twilio.RequestsFor(TwilioOperation.DeleteCredentialList).Should().BeEmpty();
        (await audit.CountAsync("provider.connected")).Should().Be(1, "the create was stored once");
    }

    [Fact]
    public async Task A_commit_that_never_reached_the_server_is_tried_again_and_stored_once()
    {
        var (host, interceptor) = await StartHostWithInterceptorAsync();
        await using var _ = host;
        interceptor.FailNextCommitsBeforeTheServer();

        using var response = await host.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        interceptor.Broken.Should().Be(1);
        (await Database.CountProvidersAsync()).Should().Be(1);
        Twilio.Trunks.Should().ContainSingle();
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().BeEmpty();
    }

    [Fact]
    public async Task A_commit_that_certainly_failed_is_compensated_and_stores_nothing()
    {
        var (host, interceptor) = await StartHostWithInterceptorAsync();
        await using var _ = host;
        interceptor.FailNextCommitsBeforeTheServer(times: 100);

        using var response = await host.ClientFor(OrgA).PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body());

        ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(500, "the change was not saved");
        (await Database.CountProvidersAsync()).Should().Be(0);
        Twilio.Trunks.Should().BeEmpty("the marker proved nothing was committed, so the trunk was deleted again");
        Twilio.CredentialLists.Should().BeEmpty();
    }

    [Fact]
    public async Task A_caller_that_goes_away_while_the_commit_is_on_its_way_does_not_stop_it()
    {
        var (host, interceptor) = await StartHostWithInterceptorAsync();
        await using var _ = host;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = interceptor.HoldNextCommit(release.Task);
        using var caller = new CancellationTokenSource();
        using var client = host.ClientFor(OrgA);

        var sending = client.PostAsJsonAsync(TwilioProvidersPath, NewProvider().Body(), caller.Token);
        await held.WaitAsync(TimeSpan.FromSeconds(20));
        await caller.CancelAsync();
        await sending.ContinueWith(_ => { }, TaskScheduler.Default); // the caller has gone
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the server has seen the connection close
        release.SetResult();

        await EventuallyAsync(async () => await Database.CountProvidersAsync() == 1, "the commit went through although the caller left");
        Twilio.Trunks.Should().ContainSingle("a committed provider keeps its trunk");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Twilio.RequestsFor(TwilioOperation.DeleteTrunk).Should().BeEmpty();
    }

    [Fact]
    public async Task Commit_markers_are_written_with_each_commit()
    {
        await ConnectAsync();

        await using var scope = Fixture.Services.CreateAsyncScope();
        var markers = await scope.ServiceProvider.GetRequiredService<VoipProvidersDbContext>().Database
            .SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM voip_providers.unit_of_work_commits").SingleAsync();
        markers.Should().Be(2, "a connect commits twice: its provisioning intent before the Twilio creates, then the provider");
    }

    private async Task<(TestHost Host, LostCommitInterceptor Interceptor)> StartHostWithInterceptorAsync()
    {
        var interceptor = new LostCommitInterceptor();
        var host = await Fixture.StartHostInterceptingAsync(interceptor);
        return (host, interceptor);
    }
}
