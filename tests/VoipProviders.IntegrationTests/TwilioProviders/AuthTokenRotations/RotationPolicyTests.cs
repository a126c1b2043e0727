using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Infrastructure.Persistence;
using VoipProviders.IntegrationTests.Auditing;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.AuthTokenRotations;

/// <summary>
/// Issue 20: PUT …/auth-token/rotation-policy sets whether (and how often) the module rotates the Auth Token itself, and
/// the clustered scheduler starts each due rotation exactly once across replicas, one per Twilio account at a time.
/// </summary>
public sealed class RotationPolicyTests(IntegrationFixture fixture) : AuthTokenRotationTest(fixture)
{
    private const string PolicyUpdated = "provider.auth_token.rotation_policy.updated";
    private const string Providers = VoipProvidersDbContext.Schema + ".twilio_providers";

    // The recurring job's keys in the clustered store (ScheduledAuthTokenRotations' [RecurringJob]).
    private static readonly JobKey SchedulerJob = new("scheduled-auth-token-rotations", "auth-token-rotation");
    private static readonly TriggerKey SchedulerTrigger = new("scheduled-auth-token-rotations-period", "auth-token-rotation");

    /// <summary>Replicas whose scheduler looks for due rotations every second and starts them at once.</summary>
    private static readonly Dictionary<string, string> Scheduling = new()
    {
        ["AuthTokenRotation:SchedulerEnabled"] = "true",
        ["AuthTokenRotation:SchedulerPeriod"] = "00:00:01",
        ["AuthTokenRotation:StartJitter"] = "00:00:00",
    };

    [Fact]
    public async Task Setting_the_policy_answers_the_provider_with_the_next_rotation_an_interval_after_the_token_last_changed()
    {
        var id = await ConnectAsync();
        var etagBefore = await ETagOfAsync(id);
        var versionBefore = (await Rotations.ProviderAsync(id)).Version;
        var tokenChangedAt = await TimestampAsync(id, "auth_token_updated_at");

        using var response = await PutPolicyAsync(id, new { enabled = true, intervalDays = 30, propagationDelaySeconds = 10 });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var provider = JsonDocument.Parse(body).RootElement;
        provider.GetProperty("id").GetGuid().Should().Be(id);
        provider.GetProperty("providerType").GetString().Should().Be("twilio");
        var policy = provider.GetProperty("authTokenRotationPolicy");
        policy.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("enabled", "intervalDays", "propagationDelaySeconds", "nextRotationAt");
        policy.GetProperty("enabled").GetBoolean().Should().BeTrue();
        policy.GetProperty("intervalDays").GetInt32().Should().Be(30);
        policy.GetProperty("propagationDelaySeconds").GetInt32().Should().Be(10);
        policy.GetProperty("nextRotationAt").GetDateTimeOffset().Should().Be(tokenChangedAt!.Value.AddDays(30), "the provider was just connected: its token changed then");
        (await TimestampAsync(id, "next_auth_token_rotation_at")).Should().Be(tokenChangedAt.Value.AddDays(30));

        (await Rotations.ProviderAsync(id)).Version.Should().Be(versionBefore + 1);
        response.Headers.ETag!.ToString().Should().NotBe(etagBefore).And.Be(await ETagOfAsync(id), "the answer carries the provider's new ETag");
        using var get = await GetTwilioProviderAsync(id);
        (await ReadJsonAsync(get)).GetProperty("authTokenRotationPolicy").ToString().Should().Be(policy.ToString(), "GET shows the policy as set");
        Twilio.Requests.Should().BeEmpty("a policy is the module's own setting");
    }

    [Fact]
    public async Task A_new_provider_has_the_policy_off_and_omitted_fields_take_the_defaults()
    {
        var id = await ConnectAsync();
        using (var get = await GetTwilioProviderAsync(id))
        {
            var off = (await ReadJsonAsync(get)).GetProperty("authTokenRotationPolicy");
            off.GetProperty("enabled").GetBoolean().Should().BeFalse();
            off.GetProperty("intervalDays").GetInt32().Should().Be(90);
            off.GetProperty("propagationDelaySeconds").GetInt32().Should().Be(60);
            off.GetProperty("nextRotationAt").ValueKind.Should().Be(JsonValueKind.Null);
        }

        var tokenChangedAt = await TimestampAsync(id, "auth_token_updated_at");
        var policy = await SetPolicyAsync(id, new { enabled = true });

        policy.GetProperty("enabled").GetBoolean().Should().BeTrue();
        policy.GetProperty("intervalDays").GetInt32().Should().Be(90);
        policy.GetProperty("propagationDelaySeconds").GetInt32().Should().Be(60);
        policy.GetProperty("nextRotationAt").GetDateTimeOffset().Should().Be(tokenChangedAt!.Value.AddDays(90));
    }

    [Fact]
    public async Task When_an_interval_has_passed_since_the_token_changed_the_next_rotation_is_due_now()
    {
        var id = await ConnectAsync();
        await Database.ExecuteAsync($"UPDATE {Providers} SET auth_token_updated_at = now() - interval '40 days' WHERE id = '{id}'");

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var policy = await SetPolicyAsync(id, new { enabled = true, intervalDays = 30 });
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        policy.GetProperty("nextRotationAt").GetDateTimeOffset().Should().BeOnOrAfter(before).And.BeOnOrBefore(after, "the due date is not in the past: now");
    }

    [Fact]
    public async Task Disabling_the_policy_clears_the_next_rotation()
    {
        var id = await ConnectAsync();
        await SetPolicyAsync(id, new { enabled = true, intervalDays = 7, propagationDelaySeconds = 5 });

        var policy = await SetPolicyAsync(id, new { enabled = false });

        policy.GetProperty("enabled").GetBoolean().Should().BeFalse();
        policy.GetProperty("nextRotationAt").ValueKind.Should().Be(JsonValueKind.Null);
        policy.GetProperty("intervalDays").GetInt32().Should().Be(90, "PUT replaces the policy: an omitted interval is the default");
        (await Database.ColumnAsync(id, "next_auth_token_rotation_at")).Should().BeNull();

        var again = await SetPolicyAsync(id, new { enabled = true, intervalDays = 7 });
        again.GetProperty("nextRotationAt").ValueKind.Should().Be(JsonValueKind.String, "enabling again makes one due");
    }

    [Fact]
    public async Task A_stale_If_Match_answers_412_and_changes_nothing_while_the_current_one_or_a_wildcard_is_accepted()
    {
        var id = await ConnectAsync();
        var stale = await ETagOfAsync(id);
        await SetPolicyAsync(id, new { enabled = true, intervalDays = 30 });
        var row = await Database.ProviderRowSnapshotAsync(id);
        var audit = new AuditRows(Fixture.ConnectionString);
        var records = await audit.CountAsync();

        using (var refused = await PutPolicyAsync(id, new { enabled = false }, ifMatch: stale))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed, await refused.Content.ReadAsStringAsync());
            (await ProblemCodeAsync(refused)).Should().Be("precondition_failed");
        }

        using (var weak = await PutPolicyAsync(id, new { enabled = false }, ifMatch: "W/" + await ETagOfAsync(id)))
        {
            weak.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed, "If-Match compares strongly");
        }

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(row);
        (await audit.CountAsync()).Should().Be(records, "a refused policy change is not recorded as a change");

        using (var current = await PutPolicyAsync(id, new { enabled = true, intervalDays = 60 }, ifMatch: await ETagOfAsync(id)))
        {
            current.StatusCode.Should().Be(HttpStatusCode.OK, await current.Content.ReadAsStringAsync());
        }

        using var wildcard = await PutPolicyAsync(id, new { enabled = false }, ifMatch: "*");
        wildcard.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(wildcard)).GetProperty("authTokenRotationPolicy").GetProperty("enabled").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task The_same_policy_again_changes_nothing()
    {
        var id = await ConnectAsync();
        using (var first = await PutPolicyAsync(id, new { enabled = true }))
        {
            first.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var etag = await ETagOfAsync(id);
        var row = await Database.ProviderRowSnapshotAsync(id);
        var audit = new AuditRows(Fixture.ConnectionString);
        var records = await audit.CountAsync();

        // Spelled out or left to the defaults, it is the same policy.
        foreach (var same in new object[] { new { enabled = true }, new { enabled = true, intervalDays = 90, propagationDelaySeconds = 60 } })
        {
            using var again = await PutPolicyAsync(id, same, ifMatch: etag);
            again.StatusCode.Should().Be(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
            again.Headers.ETag!.ToString().Should().Be(etag, "the version did not move");
        }

        (await Database.ProviderRowSnapshotAsync(id)).Should().Be(row, "the row was not written");
        (await audit.CountAsync()).Should().Be(records, "no audit record for a change that changed nothing");
        (await audit.CountAsync(PolicyUpdated)).Should().Be(1);

        // The same for a policy that is off: a provider nobody set one for already has it.
        var fresh = await ConnectAsync();
        var freshRow = await Database.ProviderRowSnapshotAsync(fresh);
        using var off = await PutPolicyAsync(fresh, new { enabled = false });
        off.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Database.ProviderRowSnapshotAsync(fresh)).Should().Be(freshRow);
    }

    [Fact]
    public async Task Each_change_leaves_one_audit_record_with_the_old_and_new_policy()
    {
        var id = await ConnectAsync();

        await SetPolicyAsync(id, new { enabled = true, intervalDays = 30, propagationDelaySeconds = 10 });
        var second = await SetPolicyAsync(id, new { enabled = true, intervalDays = 60, propagationDelaySeconds = 10 });
        await SetPolicyAsync(id, new { enabled = false, intervalDays = 60, propagationDelaySeconds = 10 });

        (await new AuditRows(Fixture.ConnectionString).CountAsync(PolicyUpdated)).Should().Be(3);
        var records = await PolicyRecordsAsync(id);
        records.Should().HaveCount(3);
        records.Should().AllSatisfy(record =>
        {
            record.GetProperty("outcome").GetString().Should().Be("succeeded");
            record.GetProperty("providerId").GetGuid().Should().Be(id);
            record.GetProperty("actor").GetProperty("type").GetString().Should().Be("user");
        });

        // Newest first.
        ShouldBePolicy(records[2].GetProperty("details").GetProperty("old"), false, 90, 60);
        ShouldBePolicy(records[2].GetProperty("details").GetProperty("new"), true, 30, 10);
        ShouldBePolicy(records[1].GetProperty("details").GetProperty("old"), true, 30, 10);
        ShouldBePolicy(records[1].GetProperty("details").GetProperty("new"), true, 60, 10);
        records[1].GetProperty("details").GetProperty("nextRotationAt").GetDateTimeOffset()
            .Should().Be(second.GetProperty("nextRotationAt").GetDateTimeOffset());
        ShouldBePolicy(records[0].GetProperty("details").GetProperty("old"), true, 60, 10);
        ShouldBePolicy(records[0].GetProperty("details").GetProperty("new"), false, 60, 10);
        records[0].GetProperty("details").GetProperty("nextRotationAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_manual_Auth_Token_change_moves_the_next_rotation_to_an_interval_from_now()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        await SetPolicyAsync(id, new { enabled = true, intervalDays = 30 });
        await Database.ExecuteAsync($"UPDATE {Providers} SET next_auth_token_rotation_at = now() + interval '1 day' WHERE id = '{id}'");
        var newToken = NewToken();
        Twilio.SetAuthToken(provider.Account.Sid, newToken);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var patched = await RotateAsync(id, new { authToken = newToken });
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        patched.StatusCode.Should().Be(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var next = (await ReadJsonAsync(patched)).GetProperty("authTokenRotationPolicy").GetProperty("nextRotationAt").GetDateTimeOffset();
        var changedAt = await TimestampAsync(id, "auth_token_updated_at");
        changedAt.Should().BeOnOrAfter(before).And.BeOnOrBefore(after);
        next.Should().Be(changedAt!.Value.AddDays(30), "the token just changed: the next rotation is an interval away");

        // With the policy off, a manual change leaves it off.
        await SetPolicyAsync(id, new { enabled = false });
        var newer = NewToken();
        Twilio.SetAuthToken(provider.Account.Sid, newer);
        using var again = await RotateAsync(id, new { authToken = newer });
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(again)).GetProperty("authTokenRotationPolicy").GetProperty("nextRotationAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_completed_on_demand_rotation_moves_the_next_rotation_to_an_interval_after_the_promotion()
    {
        var id = await ConnectAsync();
        var first = await SetPolicyAsync(id, new { enabled = true, intervalDays = 10 });

        var rotationId = await StartAcceptedAsync(id);
        var ended = await WaitUntilEndedAsync(id, rotationId);

        ended.GetProperty("status").GetString().Should().Be("completed");
        var promotedAt = await TimestampAsync(id, "auth_token_updated_at");
        using var get = await GetTwilioProviderAsync(id);
        var next = (await ReadJsonAsync(get)).GetProperty("authTokenRotationPolicy").GetProperty("nextRotationAt").GetDateTimeOffset();
        next.Should().Be(promotedAt!.Value.AddDays(10)).And.BeAfter(first.GetProperty("nextRotationAt").GetDateTimeOffset());
        next.Should().BeCloseTo(ended.GetProperty("completedAt").GetDateTimeOffset().AddDays(10), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_cancelled_rotation_of_a_due_policy_tries_again_a_day_later()
    {
        var id = await ConnectAsync();
        await SetPolicyAsync(id, new { enabled = true, intervalDays = 30 });
        await MakeDueAsync(id);
        await Fixture.PauseBackgroundJobsAsync();
        var rotationId = await StartAcceptedAsync(id);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using (var cancel = await ClientFor().DeleteAsync($"{RotationsPath(id)}/{rotationId}"))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var after = DateTimeOffset.UtcNow.AddSeconds(1);
        var next = await TimestampAsync(id, "next_auth_token_rotation_at");
        next.Should().BeOnOrAfter(before.AddDays(1)).And.BeOnOrBefore(after.AddDays(1), "a due rotation that did not happen is retried a day later, not at once");
    }

    [Fact]
    public async Task Two_replicas_start_a_due_rotation_exactly_once_and_it_completes()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        await SetPolicyAsync(id, new { enabled = true, intervalDays = 30, propagationDelaySeconds = 0 });
        await MakeDueAsync(id);
        var oldToken = provider.Account.AuthToken;
        await Fixture.PauseBackgroundJobsAsync();
        Twilio.ClearRequests();
        var audit = new AuditRows(Fixture.ConnectionString);

        var period = ScheduledAuthTokenRotations.PeriodFrom(Fixture.Services);
        (await SchedulerPeriodAsync()).Should().Be(period, "the cluster's trigger has the shared host's period before the test");
        var started = 0L;
        JsonElement ended;
        try
        {
            await using var first = await Fixture.StartHostAsync(Scheduling);
            await using var second = await Fixture.StartHostAsync(Scheduling);
            var rotationId = await WaitForRotationAsync(id);
            ended = await WaitUntilEndedAsync(id, rotationId, TimeSpan.FromSeconds(60));

            // Both schedulers keep running a few more periods: nothing else starts.
            await Task.Delay(TimeSpan.FromSeconds(3));

            // The replicas ran the rotation: neither token is in their logs (nor in the database).
            var promoted = Twilio.GetAuthToken(provider.Account.Sid);
            await AssertSecretsNotLeakedAsync(first.Logs, [oldToken, promoted], provider.Account.Sid, ended.ToString());
            await AssertSecretsNotLeakedAsync(second.Logs, [oldToken, promoted], provider.Account.Sid);
            started = first.Logs.GetSnapshot().Concat(second.Logs.GetSnapshot())
                .Where(r => r.Id.Id == 7010)
                .Sum(r => long.Parse(r.GetStructuredStateValue("Started")!, CultureInfo.InvariantCulture));
        }
        finally
        {
            await RestoreSchedulerTriggerAsync(period);
        }

        var rotation = (await Rotations.OfProviderAsync(id)).Should().ContainSingle("exactly one rotation was started across both replicas").Subject;
        rotation.Status.Should().Be("completed");
        started.Should().Be(1, "one scheduler run, on one replica, started it");
        ended.GetProperty("status").GetString().Should().Be("completed", ended.ToString());
        ended.GetProperty("trigger").GetString().Should().Be("scheduled");
        ended.GetProperty("propagationDelaySeconds").GetInt32().Should().Be(0, "the policy's propagation delay");

        Twilio.RequestsFor(TwilioOperation.CreateSecondaryAuthToken).Should().ContainSingle();
        Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Should().ContainSingle("the emulator promoted exactly once")
            .Which.ResponseStatus.Should().Be(200);
        var newToken = Twilio.GetAuthToken(provider.Account.Sid);
        newToken.Should().NotBe(oldToken);
        (await StoredTokenAsync(id)).Should().Be(newToken);
        (await audit.CountAsync("provider.auth_token.rotation.started")).Should().Be(1);
        (await audit.CountAsync("provider.auth_token.rotated")).Should().Be(1);

        using var get = await GetTwilioProviderAsync(id);
        var dto = await ReadJsonAsync(get);
        dto.GetProperty("activeAuthTokenRotationId").ValueKind.Should().Be(JsonValueKind.Null);
        var next = dto.GetProperty("authTokenRotationPolicy").GetProperty("nextRotationAt").GetDateTimeOffset();
        next.Should().Be((await TimestampAsync(id, "auth_token_updated_at"))!.Value.AddDays(30), "an interval after the token changed");
        next.Should().BeCloseTo(ended.GetProperty("completedAt").GetDateTimeOffset().AddDays(30), TimeSpan.FromSeconds(5), "the completion + the interval");
        (await SchedulerPeriodAsync()).Should().Be(period, "the cluster's trigger is as the test found it");
    }

    [Fact]
    public async Task Providers_of_one_Twilio_account_are_rotated_one_after_the_other_never_at_once()
    {
        var inOrgA = NewProvider(OrgA);
        var idA = await inOrgA.ConnectAsync();
        var idB = await NewProvider(OrgB).ForAccount(inOrgA.Account).ConnectAsync();
        // A propagation delay keeps the first rotation running for several scheduler periods.
        await SetPolicyAsync(idA, new { enabled = true, intervalDays = 30, propagationDelaySeconds = 3 });
        await SetPolicyAsync(idB, new { enabled = true, intervalDays = 30, propagationDelaySeconds = 3 }, OrgB);
        await MakeDueAsync(idA, "2 minutes");
        await MakeDueAsync(idB, "1 minute");
        await Fixture.PauseBackgroundJobsAsync();

        var period = ScheduledAuthTokenRotations.PeriodFrom(Fixture.Services);
        (await SchedulerPeriodAsync()).Should().Be(period, "the cluster's trigger has the shared host's period before the test");
        var mostRunningAtOnce = 0;
        try
        {
            await using var first = await Fixture.StartHostAsync(Scheduling);
            await using var second = await Fixture.StartHostAsync(Scheduling);
            using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (true)
            {
                var rows = (await Rotations.OfProviderAsync(idA)).Concat(await Rotations.OfProviderAsync(idB)).ToList();
                var active = ((await Rotations.ProviderAsync(idA)).ActiveRotationId is null ? 0 : 1)
                    + ((await Rotations.ProviderAsync(idB)).ActiveRotationId is null ? 0 : 1);
                mostRunningAtOnce = Math.Max(mostRunningAtOnce, Math.Max(active, rows.Count(r => r.Status == "running")));
                if (rows.Count >= 2 && rows.All(r => r.Status != "running"))
                {
                    break;
                }

                budget.IsCancellationRequested.Should().BeFalse($"both providers' rotations ran and ended in time; rows: {string.Join("; ", rows)}");
                await Task.Delay(50, CancellationToken.None);
            }

            // A few more periods: nothing more starts (the second provider's next try is a day away).
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            await RestoreSchedulerTriggerAsync(period);
        }

        mostRunningAtOnce.Should().Be(1, "one rotation per Twilio account at a time: promoting ends the token for every provider of the account");
        (await Rotations.OfProviderAsync(idA)).Should().ContainSingle();
        (await Rotations.OfProviderAsync(idB)).Should().ContainSingle();
        var rotationA = (await Rotations.OfProviderAsync(idA)).Single();
        var rotationB = (await Rotations.OfProviderAsync(idB)).Single();
        var a = await GetRotationAsync(idA, rotationA.Id, OrgA);
        var b = await GetRotationAsync(idB, rotationB.Id, OrgB);
        a.GetProperty("trigger").GetString().Should().Be("scheduled");
        b.GetProperty("trigger").GetString().Should().Be("scheduled");
        var (earlier, later) = a.GetProperty("startedAt").GetDateTimeOffset() <= b.GetProperty("startedAt").GetDateTimeOffset() ? (a, b) : (b, a);
        later.GetProperty("startedAt").GetDateTimeOffset().Should().BeOnOrAfter(
            earlier.GetProperty("completedAt").GetDateTimeOffset(),
            $"the second starts only after the first ended (first {earlier}, second {later})");
        earlier.GetProperty("providerId").GetGuid().Should().Be(idA, "the provider due first goes first");
        earlier.GetProperty("status").GetString().Should().Be("completed", earlier.ToString());
        Twilio.RequestsFor(TwilioOperation.PromoteAuthToken).Should().ContainSingle("the account's token was promoted once, by the first rotation");

        // The first rotation ended the old token for every provider of the account, so the second could not make a
        // secondary with the token its provider still holds: it fails, and its provider keeps what it had.
        later.GetProperty("status").GetString().Should().Be("failed", later.ToString());
        later.GetProperty("failure").GetProperty("code").GetString().Should().Be("twilio_credentials_rejected");
        var laterProvider = later.GetProperty("providerId").GetGuid();
        (await TimestampAsync(laterProvider, "next_auth_token_rotation_at")).Should().BeCloseTo(
            later.GetProperty("completedAt").GetDateTimeOffset().AddDays(1),
            TimeSpan.FromSeconds(1),
            "a scheduled rotation that did not happen is tried again a day later");
        (await SchedulerPeriodAsync()).Should().Be(period);
    }

    private static void ShouldBePolicy(JsonElement policy, bool enabled, int intervalDays, int propagationDelaySeconds)
    {
        policy.GetProperty("enabled").GetBoolean().Should().Be(enabled, policy.ToString());
        policy.GetProperty("intervalDays").GetInt32().Should().Be(intervalDays, policy.ToString());
        policy.GetProperty("propagationDelaySeconds").GetInt32().Should().Be(propagationDelaySeconds, policy.ToString());
    }

    private async Task<HttpResponseMessage> PutPolicyAsync(Guid providerId, object body, string? ifMatch = null, string organizationId = OrgA)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, PolicyPath(providerId)) { Content = JsonContent.Create(body, options: Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await ClientFor(organizationId).SendAsync(request);
    }

    /// <summary>Sets the policy (it must answer 200) and returns the provider's authTokenRotationPolicy.</summary>
    private async Task<JsonElement> SetPolicyAsync(Guid providerId, object body, string organizationId = OrgA)
    {
        using var response = await PutPolicyAsync(providerId, body, organizationId: organizationId);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("authTokenRotationPolicy").Clone();
    }

    /// <summary>The policy records of the provider as the tenant reads them, newest first.</summary>
    private async Task<IReadOnlyList<JsonElement>> PolicyRecordsAsync(Guid providerId)
    {
        using var response = await ClientFor().GetAsync($"/api/v1/audit-events?action={PolicyUpdated}&providerId={providerId}&take=100");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await ReadJsonAsync(response)).GetProperty("items").EnumerateArray().Select(r => r.Clone())];
    }

    private Task MakeDueAsync(Guid providerId, string ago = "1 minute") =>
        Database.ExecuteAsync($"UPDATE {Providers} SET next_auth_token_rotation_at = now() - interval '{ago}' WHERE id = '{providerId}'");

    private async Task<DateTimeOffset?> TimestampAsync(Guid providerId, string column)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {column} FROM {Providers} WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", providerId);
        var value = await command.ExecuteScalarAsync();
        return value is DateTime time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;
    }

    /// <summary>Waits until the scheduler started a rotation of the provider and returns its id.</summary>
    private async Task<Guid> WaitForRotationAsync(Guid providerId)
    {
        Guid? rotationId = null;
        await EventuallyAsync(
            async () => (rotationId = (await Rotations.OfProviderAsync(providerId)).FirstOrDefault()?.Id) is not null,
            "the scheduler started a rotation",
            TimeSpan.FromSeconds(45));
        return rotationId!.Value;
    }

    private async Task<IScheduler> SchedulerAsync() =>
        await Fixture.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    /// <summary>The period of the recurring job's trigger as the cluster stores it.</summary>
    private async Task<TimeSpan> SchedulerPeriodAsync()
    {
        var trigger = await (await SchedulerAsync()).GetTrigger(SchedulerTrigger);
        return trigger.Should().BeAssignableTo<ISimpleTrigger>("the recurring job has its trigger").Subject.RepeatInterval;
    }

    /// <summary>
    /// The trigger is cluster state: the replicas started here shortened it to one second. This gives it back the shared
    /// host's period, first due a period from now, as the Verification tests restore the sweep's.
    /// </summary>
    private async Task RestoreSchedulerTriggerAsync(TimeSpan period)
    {
        var scheduler = await SchedulerAsync();
        await scheduler.RescheduleJob(SchedulerTrigger, TriggerBuilder.Create()
            .WithIdentity(SchedulerTrigger)
            .ForJob(SchedulerJob)
            .StartAt(DateTimeOffset.UtcNow + period)
            .WithSimpleSchedule(schedule => schedule
                .WithInterval(period)
                .RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build());
    }
}
