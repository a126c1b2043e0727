using System.Net;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Issue 20: no token a rotation handles — the old primary, the secondary it creates, the new primary — appears in any
/// response (the rotation's, the provider's, the audit trail's, a problem), any log record or the database (the job
/// engine's data and the outboxes included), in plaintext or as the Basic-auth value that carries it. Checked while the
/// secondary is held (encrypted) and after the rotation completed, was cancelled or failed.
/// </summary>
public sealed class RotationSecrecyTests(IntegrationFixture fixture) : AuthTokenRotationTest(fixture)
{
    [Fact]
    public async Task No_token_of_a_completed_rotation_leaks_while_it_runs_or_after()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var sid = provider.Account.Sid;
        var oldToken = provider.Account.AuthToken;
        var bodies = new List<string>();

        using (var start = await StartRotationAsync(id, StartBody(6)))
        {
            bodies.Add(await start.Content.ReadAsStringAsync());
            start.StatusCode.Should().Be(HttpStatusCode.Accepted, bodies[^1]);
        }

        var rotationId = Parse(bodies[^1]).GetProperty("id").GetGuid();
        await WaitUntilStepAsync(id, rotationId, "waiting");
        var secondary = Twilio.GetSecondaryAuthToken(sid);
        secondary.Should().NotBeNull("the rotation created the secondary and waits to promote it");

        // While it waits: the secondary is held encrypted (the scan below would find it otherwise), the promotion is a
        // job in the scheduler's store, and every change the rotation blocks answers a problem.
        var held = (await Rotations.OfProviderAsync(id)).Single().SecondaryCipherText;
        held.Should().NotBeNull();
        UnprotectAuthToken(id, held!).Should().Be(secondary, "what the rotation holds is the secondary, encrypted");
        bodies.AddRange(await BlockedChangesAsync(id, oldToken, secondary!));
        bodies.AddRange(await ReadAllAsync(id, rotationId));
        bodies.AddRange(await RejectedInputsAsync(id, oldToken));
        bodies.AddRange(await RejectedInputsAsync(id, secondary!));
        await AssertSecretsNotLeakedAsync([oldToken, secondary!], sid, [.. bodies]);

        var ended = await WaitUntilEndedAsync(id, rotationId);
        ended.GetProperty("status").GetString().Should().Be("completed", ended.ToString());
        var newToken = Twilio.GetAuthToken(sid);
        newToken.Should().Be(secondary, "the secondary is the primary now");
        (await StoredTokenAsync(id)).Should().Be(newToken);
        (await Rotations.OfProviderAsync(id)).Single().SecondaryCipherText.Should().BeNull("nothing of the secondary is kept once promoted");

        bodies.AddRange(await ReadAllAsync(id, rotationId));
        using (var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            bodies.Add(await cancel.Content.ReadAsStringAsync());
            cancel.StatusCode.Should().Be(HttpStatusCode.Conflict);
        }

        using (var stale = await RotateAsync(id, new { authToken = oldToken }))
        {
            bodies.Add(await stale.Content.ReadAsStringAsync());
            stale.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "Twilio no longer accepts the old token");
        }

        await AssertSecretsNotLeakedAsync([oldToken, secondary!, newToken], sid, [.. bodies]);
    }

    [Fact]
    public async Task No_token_of_a_cancelled_rotation_leaks_before_or_after_its_secondary_is_deleted()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var sid = provider.Account.Sid;
        var token = provider.Account.AuthToken;
        var bodies = new List<string>();

        using (var start = await StartRotationAsync(id, StartBody(300)))
        {
            bodies.Add(await start.Content.ReadAsStringAsync());
            start.StatusCode.Should().Be(HttpStatusCode.Accepted, bodies[^1]);
        }

        var rotationId = Parse(bodies[^1]).GetProperty("id").GetGuid();
        await WaitUntilStepAsync(id, rotationId, "waiting");
        var secondary = Twilio.GetSecondaryAuthToken(sid)!;
        secondary.Should().NotBeNull();
        bodies.AddRange(await BlockedChangesAsync(id, token, secondary));

        using (var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            bodies.Add(await cancel.Content.ReadAsStringAsync());
            cancel.StatusCode.Should().Be(HttpStatusCode.OK, bodies[^1]);
        }

        // Right after the cancel: the clean-up is queued (outbox or scheduler) and the secondary still held, encrypted.
        bodies.AddRange(await ReadAllAsync(id, rotationId));
        await AssertSecretsNotLeakedAsync([token, secondary], sid, [.. bodies]);

        await EventuallyAsync(() => Task.FromResult(Twilio.GetSecondaryAuthToken(sid) is null), "the clean-up deleted the secondary");
        await EventuallyAsync(async () => !(await Rotations.OfProviderAsync(id)).Single().CleanupPending, "the clean-up is recorded");
        Twilio.RequestsFor(TwilioOperation.DeleteSecondaryAuthToken).Should().ContainSingle()
            .Which.AuthTokenUsed.Should().Be(EmulatedAuthTokenKind.Primary, "the clean-up deletes with the provider's token");
        (await Rotations.OfProviderAsync(id)).Single().SecondaryCipherText.Should().BeNull();
        (await StoredTokenAsync(id)).Should().Be(token, "a cancelled rotation leaves the provider's token as it was");

        using (var again = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            bodies.Add(await again.Content.ReadAsStringAsync());
            again.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        bodies.AddRange(await ReadAllAsync(id, rotationId));
        await AssertSecretsNotLeakedAsync([token, secondary], sid, [.. bodies]);
    }

    [Fact]
    public async Task A_failed_rotation_names_its_failure_without_the_foreign_secondary_or_the_token()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var sid = provider.Account.Sid;
        var foreign = NewToken();
        Twilio.SetSecondaryAuthToken(sid, foreign);

        var rotationId = await StartAcceptedAsync(id);
        var ended = await WaitUntilEndedAsync(id, rotationId);

        ended.GetProperty("status").GetString().Should().Be("failed");
        ended.GetProperty("failure").GetProperty("code").GetString().Should().Be("twilio_secondary_token_exists");
        ended.GetProperty("failure").GetProperty("message").GetString().Should().NotBeNullOrWhiteSpace();
        var bodies = await ReadAllAsync(id, rotationId);
        await AssertSecretsNotLeakedAsync([provider.Account.AuthToken, foreign], sid, [.. bodies, ended.ToString()]);
    }

    /// <summary>What a tenant reads about the rotation and the provider: the rotation, the list, both provider GETs, the provider's audit records.</summary>
    private async Task<IReadOnlyList<string>> ReadAllAsync(Guid providerId, Guid rotationId)
    {
        var paths = new[]
        {
            $"{RotationsPath(providerId)}/{rotationId}",
            RotationsPath(providerId),
            $"{TwilioProvidersPath}/{providerId}",
            $"{ProvidersPath}/{providerId}",
            ProvidersPath,
            $"{TwilioProvidersPath}/{providerId}/audit-events?take=1000",
        };
        var bodies = new List<string>();
        foreach (var path in paths)
        {
            using var response = await ClientFor().GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{path}: {body}");
            bodies.Add(body);
        }

        return bodies;
    }

    /// <summary>
    /// The changes a running rotation refuses, two of them carrying a token (the current one, and the secondary as if the
    /// tenant had copied it): each answers 409 rotation_in_progress, and its problem body is returned.
    /// </summary>
    private async Task<IReadOnlyList<string>> BlockedChangesAsync(Guid providerId, string currentToken, string secondaryToken)
    {
        var responses = new List<HttpResponseMessage>
        {
            await RotateAsync(providerId, new { authToken = currentToken }),
            await RotateAsync(providerId, new { authToken = secondaryToken }),
            await UpdateAsync(providerId, new { name = "Renamed" }),
            await ClientFor().RotateSipCredentialAsync(providerId),
            await DeleteAsync(providerId),
            await StartRotationAsync(providerId),
        };
        var bodies = new List<string>();
        foreach (var response in responses)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync();
                response.StatusCode.Should().Be(HttpStatusCode.Conflict, body);
                Parse(body).GetProperty("code").GetString().Should().Be("rotation_in_progress");
                bodies.Add(body);
            }
        }

        return bodies;
    }

    /// <summary>Requests whose rejected value is a token (pasted into the wrong field): each answers 400, and its problem body is returned.</summary>
    private async Task<IReadOnlyList<string>> RejectedInputsAsync(Guid providerId, string token)
    {
        var requests = new (HttpMethod Method, string Path, string Json)[]
        {
            (HttpMethod.Post, RotationsPath(providerId), $$"""{"acknowledgeOtherSystemsLoseAccess":"{{token}}"}"""),
            (HttpMethod.Post, RotationsPath(providerId), $$"""{"acknowledgeOtherSystemsLoseAccess":true,"propagationDelaySeconds":"{{token}}"}"""),
            (HttpMethod.Put, PolicyPath(providerId), $$"""{"enabled":"{{token}}"}"""),
        };
        var bodies = new List<string>();
        foreach (var (method, path, json) in requests)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            using var response = await ClientFor().SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{method} {path}: {body}");
            bodies.Add(body);
        }

        return bodies;
    }

    private static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement.Clone();
}
