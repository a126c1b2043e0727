using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Auditing;
using VoipProviders.IntegrationTests.Events;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Issue 20 §2: a replica stopped after each step's commit and after each Twilio call of a rotation leaves the module
/// holding a token Twilio accepts, and another replica finishes the rotation: one promotion, the provider on the new
/// token, the old one dead, no secondary left behind, one event and one audit record of it.
/// </summary>
public sealed class ReplicaStoppedMidRotationTests(IntegrationFixture fixture) : AuthTokenRotationTest(fixture)
{
    public static TheoryData<AuthTokenRotationPoint> Points => [.. Enum.GetValues<AuthTokenRotationPoint>()];

    [Theory]
    [MemberData(nameof(Points))]
    public async Task Another_replica_finishes_a_rotation_whose_replica_stopped_and_a_working_token_is_held_throughout(AuthTokenRotationPoint point)
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var oldToken = Twilio.GetAuthToken(provider.Account.Sid);
        var rotationId = await StartOnAReplicaThatStopsAtAsync(id, point);

        // The replica is gone. The module still holds a token Twilio accepts: the provider's, or from the promotion on
        // the secondary the rotation keeps.
        var stored = await StoredTokenAsync(id);
        var row = (await Rotations.OfProviderAsync(id)).Single();
        row.Status.Should().Be("running", $"the replica stopped at {point}");
        var secondary = row.SecondaryCipherText is { } cipher ? UnprotectAuthToken(id, cipher) : null;
        (TwilioAccepts(provider.Account, stored) || TwilioAccepts(provider.Account, secondary))
            .Should().BeTrue($"at {point} the module holds a token Twilio accepts");

        // Another replica (the shared host, back from standby) takes the rotation over.
        var scheduler = await Fixture.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        var ended = await WaitUntilEndedAsync(id, rotationId, TimeSpan.FromSeconds(60));

        ended.GetProperty("status").GetString().Should().Be("completed", ended.ToString());
        var newToken = Twilio.GetAuthToken(provider.Account.Sid);
        newToken.Should().NotBe(oldToken, "the old token no longer works");
        (await StoredTokenAsync(id)).Should().Be(newToken);
        Twilio.GetSecondaryAuthToken(provider.Account.Sid).Should().BeNull("no secondary is left behind");
        Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Count(r => r.ResponseStatus == 200).Should().Be(1, "one promotion");
        (await new EventTables(Fixture.ConnectionString).EventsAsync(id)).Count(e => e.EventType == nameof(ProviderAuthTokenRotated)).Should().Be(1);
        (await new AuditRows(Fixture.ConnectionString).CountAsync("provider.auth_token.rotated")).Should().Be(1);
        (await Rotations.ProviderAsync(id)).ActiveRotationId.Should().BeNull();
    }

    [Fact]
    public async Task A_rotation_that_asked_for_the_promotion_cannot_be_cancelled_and_finishes()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var rotationId = await StartOnAReplicaThatStopsAtAsync(id, AuthTokenRotationPoint.PromotionRequested);

        using var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}");
        cancel.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
        (await ProblemCodeAsync(cancel)).Should().Be("rotation_promotion_started");
        (await GetRotationAsync(id, rotationId)).GetProperty("status").GetString().Should().Be("running");

        await (await Fixture.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Start();
        (await WaitUntilEndedAsync(id, rotationId)).GetProperty("status").GetString().Should().Be("completed");
    }

    /// <summary>
    /// With the shared host's jobs paused, starts a rotation on another replica that stops when the rotation passes
    /// <paramref name="point"/>, and returns once that replica is gone.
    /// </summary>
    private async Task<Guid> StartOnAReplicaThatStopsAtAsync(Guid providerId, AuthTokenRotationPoint point)
    {
        await Fixture.PauseBackgroundJobsAsync();
        var stop = new ReplicaStopsAt(point);
        await using var stopping = await Fixture.StartHostAsync(
            testServices: services => services.AddSingleton<IAuthTokenRotationCheckpoints>(sp => stop.On(sp)));
        var rotationId = await StartAcceptedAsync(providerId, StartBody(0), stopping.ClientFor(OrgA));
        await stop.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return rotationId;
    }
}
