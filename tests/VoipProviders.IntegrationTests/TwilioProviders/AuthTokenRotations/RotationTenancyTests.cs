using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoipProviders.IntegrationTests.Auditing;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Issue 20: a rotation is reachable only through its own provider of its own organization. Everything else — another
/// organization, another provider of the same organization, an id that does not exist — answers 404 and changes nothing.
/// The shared host's jobs are paused, so OrgA's rotation stays running and a cancel by the wrong caller would show.
/// </summary>
public sealed class RotationTenancyTests(IntegrationFixture fixture) : AuthTokenRotationTest(fixture)
{
    public static TheoryData<string> CrossOrganizationRequests => new()
    {
        "start a rotation",
        "list the rotations",
        "get the rotation",
        "cancel the rotation",
        "set the policy",
        "set the policy with If-Match",
    };

    [Theory]
    [MemberData(nameof(CrossOrganizationRequests))]
    public async Task Another_organization_gets_404_for_every_rotation_endpoint_of_a_provider_and_changes_nothing(string request)
    {
        var id = await ConnectAsync(OrgA);
        await ConnectAsync(OrgB); // OrgB exists and has a provider of its own
        await Fixture.PauseBackgroundJobsAsync();
        var rotationId = await StartAcceptedAsync(id);
        var watch = await WatchAsync(id);
        var etag = await ETagOfAsync(id);
        var orgB = ClientFor(OrgB);

        using var response = request switch
        {
            "start a rotation" => await StartRotationAsync(id, organizationId: OrgB),
            "list the rotations" => await orgB.GetAsync(RotationsPath(id)),
            "get the rotation" => await orgB.GetAsync($"{RotationsPath(id)}/{rotationId}"),
            "cancel the rotation" => await orgB.DeleteAsync($"{RotationsPath(id)}/{rotationId}"),
            "set the policy" => await orgB.PutAsJsonAsync(PolicyPath(id), new { enabled = true, intervalDays = 1, propagationDelaySeconds = 0 }, Json),
            "set the policy with If-Match" => await PutPolicyWithIfMatchAsync(orgB, id, etag),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, null),
        };
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, body);
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().Should().Be("not_found");
        body.Should().NotContain("running", "a 404 tells nothing of the other organization's rotation")
            .And.NotContain("creating_secondary").And.NotContain(OrgA);
        await watch.AssertNothingChangedAsync();
        (await Rotations.ProviderAsync(id)).ActiveRotationId.Should().Be(rotationId, "the rotation still runs");
        (await GetRotationAsync(id, rotationId)).GetProperty("status").GetString().Should().Be("running");
    }

    [Fact]
    public async Task Another_organizations_rotation_id_on_its_own_provider_path_answers_404()
    {
        var orgAProvider = await ConnectAsync(OrgA);
        var orgBProvider = await ConnectAsync(OrgB);
        await Fixture.PauseBackgroundJobsAsync();
        var rotationId = await StartAcceptedAsync(orgAProvider);
        var watchA = await WatchAsync(orgAProvider);
        var watchB = await WatchAsync(orgBProvider);
        var orgB = ClientFor(OrgB);

        using (var get = await orgB.GetAsync($"{RotationsPath(orgBProvider)}/{rotationId}"))
        {
            get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var cancel = await orgB.DeleteAsync($"{RotationsPath(orgBProvider)}/{rotationId}"))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var list = await orgB.GetAsync(RotationsPath(orgBProvider)))
        {
            list.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = await ReadJsonAsync(list);
            page.GetProperty("totalCount").GetInt32().Should().Be(0, "OrgB's provider has no rotation");
            page.GetProperty("items").GetArrayLength().Should().Be(0);
        }

        await watchA.AssertNothingChangedAsync();
        await watchB.AssertNothingChangedAsync();
    }

    [Fact]
    public async Task A_rotation_of_another_provider_of_the_same_organization_answers_404_on_the_wrong_provider_path()
    {
        var rotating = await ConnectAsync(OrgA);
        var other = await ConnectAsync(OrgA);
        await Fixture.PauseBackgroundJobsAsync();
        var rotationId = await StartAcceptedAsync(rotating);
        var watchRotating = await WatchAsync(rotating);
        var watchOther = await WatchAsync(other);

        using (var get = await ClientFor().GetAsync($"{RotationsPath(other)}/{rotationId}"))
        {
            get.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await ProblemCodeAsync(get)).Should().Be("not_found");
        }

        using (var cancel = await ClientFor().DeleteAsync($"{RotationsPath(other)}/{rotationId}"))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await ProblemCodeAsync(cancel)).Should().Be("not_found");
        }

        using (var list = await ClientFor().GetAsync(RotationsPath(other)))
        {
            list.StatusCode.Should().Be(HttpStatusCode.OK);
            (await ReadJsonAsync(list)).GetProperty("totalCount").GetInt32().Should().Be(0);
        }

        await watchRotating.AssertNothingChangedAsync();
        await watchOther.AssertNothingChangedAsync();
        (await GetRotationAsync(rotating, rotationId)).GetProperty("status").GetString().Should().Be("running", "found on its own provider, and not cancelled");
    }

    [Fact]
    public async Task An_unknown_rotation_or_provider_answers_404()
    {
        var id = await ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();
        var rotationId = await StartAcceptedAsync(id);
        var watch = await WatchAsync(id);
        var unknown = Guid.CreateVersion7();

        using (var get = await ClientFor().GetAsync($"{RotationsPath(id)}/{unknown}"))
        {
            get.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await ProblemCodeAsync(get)).Should().Be("not_found");
        }

        using (var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{unknown}"))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        var unknownProvider = Guid.NewGuid();
        using (var start = await StartRotationAsync(unknownProvider))
        {
            start.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var list = await ClientFor().GetAsync(RotationsPath(unknownProvider)))
        {
            list.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var getOnUnknownProvider = await ClientFor().GetAsync($"{RotationsPath(unknownProvider)}/{rotationId}"))
        {
            getOnUnknownProvider.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var cancelOnUnknownProvider = await ClientFor().DeleteAsync($"{RotationsPath(unknownProvider)}/{rotationId}"))
        {
            cancelOnUnknownProvider.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var policy = await ClientFor().PutAsJsonAsync(PolicyPath(unknownProvider), new { enabled = true }, Json))
        {
            policy.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        await watch.AssertNothingChangedAsync();
        (await Rotations.ProviderAsync(id)).ActiveRotationId.Should().Be(rotationId);
    }

    [Fact]
    public async Task The_policy_of_another_organizations_provider_is_neither_set_nor_shown()
    {
        var id = await ConnectAsync(OrgA);
        using (var set = await ClientFor(OrgA).PutAsJsonAsync(PolicyPath(id), new { enabled = true, intervalDays = 7, propagationDelaySeconds = 5 }, Json))
        {
            set.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var watch = await WatchAsync(id);

        using (var disable = await ClientFor(OrgB).PutAsJsonAsync(PolicyPath(id), new { enabled = false }, Json))
        {
            disable.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var get = await GetTwilioProviderAsync(id, OrgB))
        {
            get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        await watch.AssertNothingChangedAsync();
        using var own = await GetTwilioProviderAsync(id, OrgA);
        (await ReadJsonAsync(own)).GetProperty("authTokenRotationPolicy").GetProperty("enabled").GetBoolean().Should().BeTrue();
    }

    private static async Task<HttpResponseMessage> PutPolicyWithIfMatchAsync(HttpClient client, Guid providerId, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, PolicyPath(providerId))
        {
            Content = JsonContent.Create(new { enabled = true, intervalDays = 1 }, options: Json),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    private async Task<Watch> WatchAsync(Guid providerId)
    {
        Twilio.ClearRequests();
        return new Watch(
            this,
            providerId,
            await Database.ProviderRowSnapshotAsync(providerId),
            await Rotations.OfProviderAsync(providerId),
            await new AuditRows(Fixture.ConnectionString).IdsAsync());
    }

    /// <summary>What a provider looked like before: its row, its rotations, the audit trail; and that Twilio was not called since.</summary>
    private sealed record Watch(RotationTenancyTests Test, Guid ProviderId, string? Row, IReadOnlyList<RotationRow> Rotations, IReadOnlyList<Guid> AuditIds)
    {
        public async Task AssertNothingChangedAsync()
        {
            (await Test.Database.ProviderRowSnapshotAsync(ProviderId)).Should().Be(Row, "the provider row was not written");
            (await Test.Rotations.OfProviderAsync(ProviderId)).Should().Equal(Rotations, "no rotation was started or changed");
            (await new AuditRows(Test.Fixture.ConnectionString).IdsAsync()).Should().BeEquivalentTo(AuditIds, "no audit record");
            Test.Twilio.Requests.Should().BeEmpty("nothing reached Twilio");
        }
    }
}
