using System.Net;
using System.Net.Http.Json;
using VoipProviders.Contracts.Providers;
using VoipProviders.IntegrationTests.Auditing;
using VoipProviders.IntegrationTests.Events;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>Issue 20: the module rotates the tenant's Auth Token itself through Twilio's secondary token.</summary>
public sealed class ManagedRotationTests(IntegrationFixture fixture) : AuthTokenRotationTest(fixture)
{
    [Fact]
    public async Task A_rotation_creates_validates_promotes_and_verifies_the_secondary_and_the_old_token_stops_working()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var oldToken = Twilio.GetAuthToken(provider.Account.Sid);
        var versionBefore = (await Rotations.ProviderAsync(id)).Version;

        using var started = await StartRotationAsync(id, StartBody(0));
        var startedBody = await started.Content.ReadAsStringAsync();
        started.StatusCode.Should().Be(HttpStatusCode.Accepted, startedBody);
        var rotation = await ReadJsonAsync(started);
        var rotationId = rotation.GetProperty("id").GetGuid();
        started.Headers.Location!.ToString().Should().Be($"{RotationsPath(id)}/{rotationId}");
        rotation.GetProperty("providerId").GetGuid().Should().Be(id);
        rotation.GetProperty("status").GetString().Should().Be("running");
        rotation.GetProperty("step").GetString().Should().Be("creating_secondary");
        rotation.GetProperty("trigger").GetString().Should().Be("on_demand");
        rotation.GetProperty("propagationDelaySeconds").GetInt32().Should().Be(0);

        var ended = await WaitUntilEndedAsync(id, rotationId);
        ended.GetProperty("status").GetString().Should().Be("completed");
        ended.GetProperty("step").GetString().Should().Be("done");
        ended.GetProperty("failure").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        ended.GetProperty("completedAt").GetDateTimeOffset().Should().BeOnOrAfter(ended.GetProperty("startedAt").GetDateTimeOffset());

        // Twilio: the secondary is the primary now, the old token is dead, no secondary is left.
        var newToken = Twilio.GetAuthToken(provider.Account.Sid);
        newToken.Should().NotBe(oldToken);
        Twilio.GetSecondaryAuthToken(provider.Account.Sid).Should().BeNull();
        (await StoredTokenAsync(id)).Should().Be(newToken, "the provider holds the promoted token");

        // The exact calls: create and promote with the old primary, the validation with the secondary, the verification
        // with the new primary.
        Twilio.RequestsFor(TwilioOperation.CreateSecondaryAuthToken).Should().ContainSingle()
            .Which.Should().Match<RecordedRequest>(r => r.AuthUser == provider.Account.Sid && r.AuthTokenUsed == EmulatedAuthTokenKind.Primary && r.ResponseStatus == 201);
        Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Should().ContainSingle()
            .Which.Should().Match<RecordedRequest>(r => r.AuthUser == provider.Account.Sid && r.AuthTokenUsed == EmulatedAuthTokenKind.Primary && r.ResponseStatus == 200);
        Twilio.RequestsFor(TwilioOperation.DeleteSecondaryAuthToken).Should().BeEmpty();
        var fetches = Twilio.RequestsFor(TwilioOperation.FetchAccount);
        fetches.Select(r => (r.AuthTokenUsed, r.ResponseStatus)).Should().Equal(
            [(EmulatedAuthTokenKind.Secondary, 200), (EmulatedAuthTokenKind.Primary, 200)],
            "the secondary is validated before the promotion, the new primary checked after it");
        fetches[0].Sequence.Should().BeLessThan(Twilio.RequestsFor(TwilioOperation.PromoteAuthToken)[0].Sequence);

        // The provider: unblocked, version moved (start, promotion), token date moved.
        using var get = await GetTwilioProviderAsync(id);
        var body = await get.Content.ReadAsStringAsync();
        var dto = await ReadJsonAsync(get);
        dto.GetProperty("activeAuthTokenRotationId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        (await Rotations.ProviderAsync(id)).Version.Should().Be(versionBefore + 2, "the start and the promotion changed the provider");

        // The record: the start by the caller, the rotation itself by the job, with fingerprints and method managed.
        var audit = new AuditRows(Fixture.ConnectionString);
        (await audit.CountAsync("provider.auth_token.rotation.started")).Should().Be(1);
        (await audit.CountAsync("provider.auth_token.rotated")).Should().Be(1);
        var dump = await audit.DumpAsync();
        dump.Should().Contain("\"method\": \"managed\"").And.Contain(rotationId.ToString());
        var rotated = (await new EventTables(Fixture.ConnectionString).EventsAsync(id)).Where(e => e.EventType == nameof(ProviderAuthTokenRotated)).ToList();
        rotated.Should().ContainSingle("one event for the rotation, in the promotion's commit")
            .Which.Payload.Should().Contain("\"method\": \"managed\"");

        // No token anywhere: database (but encrypted), logs, responses.
        await AssertSecretsNotLeakedAsync([oldToken, newToken], provider.Account.Sid, startedBody, body, ended.ToString());
    }

    [Fact]
    public async Task A_rotation_waits_the_propagation_delay_before_promoting()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();

        var rotationId = await StartAcceptedAsync(id, StartBody(2));
        await WaitUntilStepAsync(id, rotationId, "waiting");
        var waiting = await GetRotationAsync(id, rotationId);
        var promoteAfter = waiting.GetProperty("promoteAfter").GetDateTimeOffset();
        Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Should().BeEmpty("the delay is not over");
        TwilioAccepts(provider.Account, await StoredTokenAsync(id)).Should().BeTrue();

        // Just before the promotion is due, Twilio has not been asked for it.
        var almostDue = promoteAfter - TimeSpan.FromMilliseconds(400) - DateTimeOffset.UtcNow;
        if (almostDue > TimeSpan.Zero)
        {
            await Task.Delay(almostDue);
        }

        if (DateTimeOffset.UtcNow < promoteAfter)
        {
            Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Should().BeEmpty("promoteAfter has not come yet");
        }

        var ended = await WaitUntilEndedAsync(id, rotationId);
        ended.GetProperty("status").GetString().Should().Be("completed");
        Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Should().ContainSingle();
        promoteAfter.Should().BeCloseTo(waiting.GetProperty("startedAt").GetDateTimeOffset().AddSeconds(2), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_secondary_the_module_did_not_create_fails_the_rotation_and_is_left_alone()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var token = Twilio.GetAuthToken(provider.Account.Sid);
        var foreign = NewToken();
        Twilio.SetSecondaryAuthToken(provider.Account.Sid, foreign);

        var rotationId = await StartAcceptedAsync(id);
        var ended = await WaitUntilEndedAsync(id, rotationId);

        ended.GetProperty("status").GetString().Should().Be("failed");
        ended.GetProperty("failure").GetProperty("code").GetString().Should().Be("twilio_secondary_token_exists");
        Twilio.GetSecondaryAuthToken(provider.Account.Sid).Should().Be(foreign, "a token the module did not create is never deleted");
        Twilio.RequestsFor(TwilioOperation.DeleteSecondaryAuthToken).Should().BeEmpty();
        Twilio.GetAuthToken(provider.Account.Sid).Should().Be(token);
        (await StoredTokenAsync(id)).Should().Be(token);
        (await Rotations.ProviderAsync(id)).ActiveRotationId.Should().BeNull("a failed rotation no longer blocks changes");
        (await new AuditRows(Fixture.ConnectionString).CountAsync("provider.auth_token.rotation.failed")).Should().Be(1);
    }

    [Fact]
    public async Task A_rotation_can_be_cancelled_while_it_waits_and_its_secondary_is_deleted()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var token = Twilio.GetAuthToken(provider.Account.Sid);
        var rotationId = await StartAcceptedAsync(id, StartBody(300));
        await WaitUntilStepAsync(id, rotationId, "waiting");
        Twilio.GetSecondaryAuthToken(provider.Account.Sid).Should().NotBeNull();

        using var cancelled = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}");
        cancelled.StatusCode.Should().Be(HttpStatusCode.OK, await cancelled.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(cancelled);
        body.GetProperty("status").GetString().Should().Be("cancelled");
        body.GetProperty("step").GetString().Should().Be("waiting", "where it stopped");

        await EventuallyAsync(() => Task.FromResult(Twilio.GetSecondaryAuthToken(provider.Account.Sid) is null), "the clean-up deleted the secondary");
        await EventuallyAsync(async () => !(await Rotations.OfProviderAsync(id)).Single().CleanupPending, "the clean-up is recorded");
        (await Rotations.OfProviderAsync(id)).Single().SecondaryCipherText.Should().BeNull("nothing of the secondary is kept");
        Twilio.GetAuthToken(provider.Account.Sid).Should().Be(token);
        (await StoredTokenAsync(id)).Should().Be(token);
        Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Should().BeEmpty();

        using var again = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}");
        again.StatusCode.Should().Be(HttpStatusCode.OK, "cancelling a cancelled rotation answers it again");

        // Credential changes are allowed again, and a new rotation can start.
        using var patched = await RotateAsync(id, new { authToken = token });
        patched.StatusCode.Should().Be(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var next = await StartAcceptedAsync(id);
        (await WaitUntilEndedAsync(id, next)).GetProperty("status").GetString().Should().Be("completed");
    }

    [Fact]
    public async Task A_completed_rotation_cannot_be_cancelled()
    {
        var id = await ConnectAsync();
        var rotationId = await StartAcceptedAsync(id);
        await WaitUntilEndedAsync(id, rotationId);

        using var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}");
        cancel.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ProblemCodeAsync(cancel)).Should().Be("rotation_ended");
    }

    [Fact]
    public async Task The_rotations_are_listed_newest_first_and_paged()
    {
        var id = await ConnectAsync();
        var first = await StartAcceptedAsync(id);
        await WaitUntilEndedAsync(id, first);
        var second = await StartAcceptedAsync(id);
        await WaitUntilEndedAsync(id, second);

        var page = await ClientFor().GetFromJsonAsync<System.Text.Json.JsonElement>($"{RotationsPath(id)}?skip=0&take=1");
        page.GetProperty("totalCount").GetInt32().Should().Be(2);
        page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).Should().Equal(second);
        var rest = await ClientFor().GetFromJsonAsync<System.Text.Json.JsonElement>($"{RotationsPath(id)}?skip=1&take=1");
        rest.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).Should().Equal(first);
    }
}
