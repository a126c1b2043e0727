using System.Net;
using System.Text;
using System.Text.Json;
using VoipProviders.IntegrationTests.Auditing;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Issue 20: bad input to the rotation endpoints answers 400 problem+json naming the field (<c>errors.{field}</c>) and
/// stores nothing — no rotation row, no queued step, no audit record, the provider row as it was, no Twilio call.
/// </summary>
public sealed class RotationRequestValidationTests(IntegrationFixture fixture) : AuthTokenRotationTest(fixture)
{
    private const string AdvanceJob = "advance-auth-token-rotation";

    public static TheoryData<string, string> InvalidStartBodies => new()
    {
        { "{}", "acknowledgeOtherSystemsLoseAccess" },
        { """{"propagationDelaySeconds":0}""", "acknowledgeOtherSystemsLoseAccess" },
        { """{"acknowledgeOtherSystemsLoseAccess":null}""", "acknowledgeOtherSystemsLoseAccess" },
        { """{"acknowledgeOtherSystemsLoseAccess":false}""", "acknowledgeOtherSystemsLoseAccess" },
        { """{"acknowledgeOtherSystemsLoseAccess":false,"propagationDelaySeconds":0}""", "acknowledgeOtherSystemsLoseAccess" },
        { """{"acknowledgeOtherSystemsLoseAccess":"true"}""", "acknowledgeOtherSystemsLoseAccess" },
        { """{"acknowledgeOtherSystemsLoseAccess":1}""", "acknowledgeOtherSystemsLoseAccess" },
        { """{"acknowledgeOtherSystemsLoseAccess":[true]}""", "acknowledgeOtherSystemsLoseAccess" },
        { """{"acknowledgeOtherSystemsLoseAccess":{}}""", "acknowledgeOtherSystemsLoseAccess" },
        { """{"acknowledgeOtherSystemsLoseAccess":true,"propagationDelaySeconds":-1}""", "propagationDelaySeconds" },
        { """{"acknowledgeOtherSystemsLoseAccess":true,"propagationDelaySeconds":301}""", "propagationDelaySeconds" },
        { """{"acknowledgeOtherSystemsLoseAccess":true,"propagationDelaySeconds":2147483647}""", "propagationDelaySeconds" },
        { """{"acknowledgeOtherSystemsLoseAccess":true,"propagationDelaySeconds":2147483648}""", "propagationDelaySeconds" },
        { """{"acknowledgeOtherSystemsLoseAccess":true,"propagationDelaySeconds":"60"}""", "propagationDelaySeconds" },
        { """{"acknowledgeOtherSystemsLoseAccess":true,"propagationDelaySeconds":1.5}""", "propagationDelaySeconds" },
        { """{"acknowledgeOtherSystemsLoseAccess":true,"propagationDelaySeconds":""", "propagationDelaySeconds" },
        { "{not json}", "body" },
        { "{", "body" },
        { "null", "body" },
        { "[]", "body" },
        { "true", "body" },
        { "", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidStartBodies))]
    public async Task A_bad_start_body_answers_400_naming_the_field_and_starts_nothing(string json, string field)
    {
        var (id, nothingChanged) = await ConnectAndWatchAsync();

        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await ClientFor().PostAsync(RotationsPath(id), content);

        await AssertValidationProblemAsync(response, field);
        await nothingChanged();
    }

    [Fact]
    public async Task Both_fields_wrong_are_both_named()
    {
        var (id, nothingChanged) = await ConnectAndWatchAsync();

        using var content = new StringContent("""{"acknowledgeOtherSystemsLoseAccess":false,"propagationDelaySeconds":301}""", Encoding.UTF8, "application/json");
        using var response = await ClientFor().PostAsync(RotationsPath(id), content);

        var problem = await AssertValidationProblemAsync(response, "acknowledgeOtherSystemsLoseAccess");
        problem.GetProperty("errors").TryGetProperty("propagationDelaySeconds", out _).Should().BeTrue(problem.ToString());
        await nothingChanged();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public async Task The_propagation_delay_bounds_are_accepted(int propagationDelaySeconds)
    {
        var id = await ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();

        using var response = await StartRotationAsync(id, StartBody(propagationDelaySeconds));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var rotation = await ReadJsonAsync(response);
        rotation.GetProperty("propagationDelaySeconds").GetInt32().Should().Be(propagationDelaySeconds);
        (await Rotations.OfProviderAsync(id)).Should().ContainSingle().Which.Status.Should().Be("running");
    }

    [Fact]
    public async Task Without_a_propagation_delay_the_default_of_60_seconds_is_used()
    {
        var id = await ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();

        using var content = new StringContent("""{"acknowledgeOtherSystemsLoseAccess":true}""", Encoding.UTF8, "application/json");
        using var response = await ClientFor().PostAsync(RotationsPath(id), content);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        (await ReadJsonAsync(response)).GetProperty("propagationDelaySeconds").GetInt32().Should().Be(60);
    }

    [Fact]
    public async Task An_unknown_JSON_field_is_refused_by_name_and_nothing_starts()
    {
        // A misspelt or foreign member is refused by name, never silently ignored; its value is not echoed or stored.
        var (id, nothingChanged) = await ConnectAndWatchAsync();
        var unknown = NewToken();

        using var content = new StringContent(
            $$"""{"acknowledgeOtherSystemsLoseAccess":true,"propagationDelaySeconds":0,"newAuthToken":"{{unknown}}"}""",
            Encoding.UTF8,
            "application/json");
        using var response = await ClientFor().PostAsync(RotationsPath(id), content);
        var body = await response.Content.ReadAsStringAsync();

        await AssertValidationProblemAsync(response, "newAuthToken");
        body.Should().NotContain(unknown);
        await nothingChanged();
        (await Database.DumpSchemaAsync()).Should().NotContain(unknown, "a refused member is not stored anywhere");
    }

    [Fact]
    public async Task A_start_without_a_body_answers_400_body()
    {
        var (id, nothingChanged) = await ConnectAndWatchAsync();

        using var response = await ClientFor().PostAsync(RotationsPath(id), content: null);

        await AssertValidationProblemAsync(response, "body");
        await nothingChanged();
    }

    [Fact]
    public async Task A_start_body_that_is_not_JSON_answers_415_problem()
    {
        var (id, nothingChanged) = await ConnectAndWatchAsync();

        using var content = new StringContent("acknowledgeOtherSystemsLoseAccess=true", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await ClientFor().PostAsync(RotationsPath(id), content);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        await nothingChanged();
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("123")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task A_rotation_id_that_is_not_a_UUID_answers_400_naming_rotationId_on_GET_and_DELETE(string rotationId)
    {
        var id = await ConnectAsync();
        await Fixture.PauseBackgroundJobsAsync();
        var running = await StartAcceptedAsync(id);
        var rowsBefore = await Rotations.OfProviderAsync(id);
        var providerBefore = await Database.ProviderRowSnapshotAsync(id);

        using (var get = await ClientFor().GetAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            await AssertValidationProblemAsync(get, "rotationId");
        }

        using (var delete = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            await AssertValidationProblemAsync(delete, "rotationId");
        }

        (await Rotations.OfProviderAsync(id)).Should().Equal(rowsBefore, "the running rotation was not cancelled");
        (await Rotations.ProviderAsync(id)).ActiveRotationId.Should().Be(running);
        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(providerBefore);
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task A_provider_id_that_is_not_a_UUID_answers_400_naming_id(string providerId)
    {
        var path = $"{TwilioProvidersPath}/{providerId}/auth-token";

        using (var start = await ClientFor().PostAsync($"{path}/rotations", JsonBody("""{"acknowledgeOtherSystemsLoseAccess":true}""")))
        {
            await AssertValidationProblemAsync(start, "id");
        }

        using (var list = await ClientFor().GetAsync($"{path}/rotations"))
        {
            await AssertValidationProblemAsync(list, "id");
        }

        using (var get = await ClientFor().GetAsync($"{path}/rotations/{Guid.NewGuid()}"))
        {
            await AssertValidationProblemAsync(get, "id");
        }

        using (var policy = await ClientFor().PutAsync($"{path}/rotation-policy", JsonBody("""{"enabled":true}""")))
        {
            await AssertValidationProblemAsync(policy, "id");
        }

        (await new AuditRows(Fixture.ConnectionString).CountAsync()).Should().Be(0);
    }

    public static TheoryData<string, string> InvalidListQueries => new()
    {
        { "?take=0", "take" },
        { "?take=1001", "take" },
        { "?take=-1", "take" },
        { "?take=abc", "take" },
        { "?skip=-1", "skip" },
        { "?skip=1.5", "skip" },
    };

    [Theory]
    [MemberData(nameof(InvalidListQueries))]
    public async Task A_bad_page_of_the_list_answers_400_naming_the_parameter(string query, string field)
    {
        var id = await ConnectAsync();

        using var response = await ClientFor().GetAsync($"{RotationsPath(id)}{query}");

        await AssertValidationProblemAsync(response, field);
    }

    public static TheoryData<string, string> InvalidPolicyBodies => new()
    {
        { "{}", "enabled" },
        { """{"intervalDays":30,"propagationDelaySeconds":10}""", "enabled" },
        { """{"enabled":null}""", "enabled" },
        { """{"enabled":"true"}""", "enabled" },
        { """{"enabled":1}""", "enabled" },
        { """{"enabled":true,"intervalDays":0}""", "intervalDays" },
        { """{"enabled":true,"intervalDays":366}""", "intervalDays" },
        { """{"enabled":true,"intervalDays":-90}""", "intervalDays" },
        { """{"enabled":true,"intervalDays":"90"}""", "intervalDays" },
        { """{"enabled":true,"intervalDays":90.5}""", "intervalDays" },
        { """{"enabled":false,"intervalDays":0}""", "intervalDays" },
        { """{"enabled":true,"propagationDelaySeconds":301}""", "propagationDelaySeconds" },
        { """{"enabled":true,"propagationDelaySeconds":-1}""", "propagationDelaySeconds" },
        { """{"enabled":true,"propagationDelaySeconds":"60"}""", "propagationDelaySeconds" },
        { "{not json}", "body" },
        { "null", "body" },
        { "[]", "body" },
        { "", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicyBodies))]
    public async Task A_bad_policy_answers_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var (id, nothingChanged) = await ConnectAndWatchAsync();

        using var response = await ClientFor().PutAsync(PolicyPath(id), JsonBody(json));

        await AssertValidationProblemAsync(response, field);
        await nothingChanged();
    }

    [Fact]
    public async Task A_policy_with_every_field_wrong_names_each_of_them()
    {
        var (id, nothingChanged) = await ConnectAndWatchAsync();

        using var response = await ClientFor().PutAsync(PolicyPath(id), JsonBody("""{"intervalDays":366,"propagationDelaySeconds":301}"""));

        var problem = await AssertValidationProblemAsync(response, "enabled");
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("intervalDays", out _).Should().BeTrue(problem.ToString());
        errors.TryGetProperty("propagationDelaySeconds", out _).Should().BeTrue(problem.ToString());
        await nothingChanged();
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(365, 300)]
    public async Task The_policy_bounds_are_accepted(int intervalDays, int propagationDelaySeconds)
    {
        var id = await ConnectAsync();

        using var response = await ClientFor().PutAsync(
            PolicyPath(id),
            JsonBody($$"""{"enabled":true,"intervalDays":{{intervalDays}},"propagationDelaySeconds":{{propagationDelaySeconds}}}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var policy = (await ReadJsonAsync(response)).GetProperty("authTokenRotationPolicy");
        policy.GetProperty("intervalDays").GetInt32().Should().Be(intervalDays);
        policy.GetProperty("propagationDelaySeconds").GetInt32().Should().Be(propagationDelaySeconds);
    }

    [Fact]
    public async Task A_misspelt_policy_field_is_refused_by_name_instead_of_taking_the_default()
    {
        var (id, nothingChanged) = await ConnectAndWatchAsync();

        using var response = await ClientFor().PutAsync(PolicyPath(id), JsonBody("""{"enabled":true,"intervalDay":5,"comment":"x"}"""));

        await AssertValidationProblemAsync(response, "intervalDay");
        await nothingChanged();
    }

    [Fact]
    public async Task A_policy_without_a_body_answers_400_body()
    {
        var (id, nothingChanged) = await ConnectAndWatchAsync();

        using var response = await ClientFor().PutAsync(PolicyPath(id), content: null);

        await AssertValidationProblemAsync(response, "body");
        await nothingChanged();
    }

    [Fact]
    public async Task A_policy_If_Match_that_is_not_an_ETag_answers_400_naming_If_Match()
    {
        var (id, nothingChanged) = await ConnectAndWatchAsync();

        using var request = new HttpRequestMessage(HttpMethod.Put, PolicyPath(id)) { Content = JsonBody("""{"enabled":true}""") };
        request.Headers.TryAddWithoutValidation("If-Match", "not-an-etag");
        using var response = await ClientFor().SendAsync(request);

        await AssertValidationProblemAsync(response, "If-Match");
        await nothingChanged();
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().Should().Be("validation_failed", body);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the problem names {field}: {body}");
        return problem.Clone();
    }

    /// <summary>
    /// Connects a provider and returns a check that nothing changed since: no rotation row, no queued step, the provider
    /// row untouched (and so its version), no audit record, no Twilio call.
    /// </summary>
    private async Task<(Guid Id, Func<Task> NothingChanged)> ConnectAndWatchAsync()
    {
        var id = await ConnectAsync();
        var row = await Database.ProviderRowSnapshotAsync(id);
        var version = (await Rotations.ProviderAsync(id)).Version;
        var audit = new AuditRows(Fixture.ConnectionString);
        var auditIds = await audit.IdsAsync();
        return (id, async () =>
        {
            (await Rotations.OfProviderAsync(id)).Should().BeEmpty("no rotation was stored");
            (await Database.CountQueuedJobsAsync(AdvanceJob)).Should().Be(0, "no step was queued");
            (await Database.ProviderRowSnapshotAsync(id)).Should().Be(row, "the provider row was not written");
            (await Rotations.ProviderAsync(id)).Version.Should().Be(version);
            (await audit.IdsAsync()).Should().BeEquivalentTo(auditIds, "bad input leaves no audit record");
            Twilio.Requests.Should().BeEmpty();
        });
    }
}
