using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VoipProviders.Infrastructure.Twilio;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.Telemetry;

/// <summary>
/// Issue 23: what a replica exports over OpenTelemetry — the span tree of a request down to Twilio and the database,
/// Twilio failures as errors, the counts the metrics report, a background job's trace linked to the request that
/// queued it — and that no secret reaches any of it.
/// </summary>
public sealed class TelemetryTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const int Attempts = VoipProvidersApiFactory.MaxRetryAttempts + 1;

    [Fact]
    public async Task A_rotation_is_one_trace_from_the_HTTP_request_through_the_command_to_Twilio_and_the_database()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        // Started after the connect: sources and meters are process-wide, so the recorder would see the fixture's host too.
        var recorder = new TelemetryRecorder();
        await using var replica = await recorder.StartHostAsync(Fixture);
        var newToken = NewToken();
        Twilio.SetAuthToken(provider.Account.Sid, newToken);
        var path = $"{TwilioProvidersPath}/{id}/auth-token";

        using var response = await replica.ClientFor(OrgA).PatchAsJsonAsync(path, new { authToken = newToken });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var trace = await recorder.TraceOfAsync(span => IsServerSpanOf(span, "PATCH", path), "the PATCH's server span");
        var server = trace.Single(span => IsServerSpanOf(span, "PATCH", path));
        server.GetTagItem("http.response.status_code").Should().Be(200);
        server.GetTagItem("http.route").Should().Be("/api/v1/providers/twilio/{id}/auth-token");

        var command = trace.Should().ContainSingle(span => span.Source.Name == "VoipProviders.Application").Subject;
        command.DisplayName.Should().Be("UpdateTwilioAuthTokenCommand");
        command.GetTagItem("voip_providers.message.kind").Should().Be("command");
        command.GetTagItem("voip_providers.outcome").Should().Be("ok");
        Ancestors(command, trace).Should().Contain(server);

        var twilio = trace.Should().ContainSingle(span => span.Source.Name == "VoipProviders.Twilio").Subject;
        twilio.DisplayName.Should().Be("twilio.api.accounts.fetch");
        twilio.ParentSpanId.Should().Be(command.SpanId);
        twilio.GetTagItem("twilio.product").Should().Be("api");
        twilio.GetTagItem("twilio.operation").Should().Be("accounts.fetch");
        twilio.GetTagItem("twilio.outcome").Should().Be("ok");
        twilio.GetTagItem("twilio.attempts").Should().Be(1);
        twilio.GetTagItem("http.response.status_code").Should().Be(200);
        twilio.Status.Should().Be(ActivityStatusCode.Unset);
        var exchange = trace.Should().ContainSingle(span => span.Kind == ActivityKind.Client && span.ParentSpanId == twilio.SpanId,
            "each attempt's HTTP exchange is a child of the logical call").Subject;
        exchange.GetTagItem("url.full").Should().Be($"{Fixture.EmulatorBaseAddress.ToString().TrimEnd('/')}/2010-04-01/Accounts/{provider.Account.Sid}.json");

        var database = trace.Where(span => span.Source.Name == "Npgsql").ToList();
        database.Should().NotBeEmpty("the command reads and writes the provider");
        database.Should().OnlyContain(span => Ancestors(span, trace).Contains(command), "every statement is the command's");
        database.Should().Contain(span => (span.GetTagItem("db.query.text") ?? span.GetTagItem("db.statement") ?? string.Empty).ToString()!
            .Contains("UPDATE voip_providers.twilio_providers", StringComparison.Ordinal), "the commit is traced");
        recorder.Spans.Where(span => span.Source.Name == "Npgsql")
            .Should().OnlyContain(span => span.ParentSpanId != default, "statements of nothing (the scheduler's polling) are not exported");

        await AssertTelemetryHasNoSecretAsync(recorder, [provider.Account.AuthToken, newToken], provider.Account.Sid);
    }

    [Fact]
    public async Task A_Twilio_call_that_keeps_failing_is_an_error_span_with_its_retries_and_is_counted_by_outcome()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        // Started after the connect: sources and meters are process-wide, so the recorder would see the fixture's host too.
        var recorder = new TelemetryRecorder();
        await using var replica = await recorder.StartHostAsync(Fixture);
        var newToken = NewToken();
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, [.. Enumerable.Repeat(EmulatedFault.Http(503, twilioCode: 20500), Attempts)]);
        var path = $"{TwilioProvidersPath}/{id}/auth-token";

        using var response = await replica.ClientFor(OrgA).PatchAsJsonAsync(path, new { authToken = newToken });
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway, body);
        var trace = await recorder.TraceOfAsync(span => IsServerSpanOf(span, "PATCH", path), "the PATCH's server span");
        var twilio = trace.Should().ContainSingle(span => span.Source.Name == "VoipProviders.Twilio").Subject;
        twilio.DisplayName.Should().Be("twilio.api.accounts.fetch");
        twilio.Status.Should().Be(ActivityStatusCode.Error);
        twilio.StatusDescription.Should().Be("twilio_unavailable");
        twilio.GetTagItem("twilio.outcome").Should().Be("twilio_unavailable");
        twilio.GetTagItem("error.type").Should().Be("twilio_unavailable");
        twilio.GetTagItem("http.response.status_code").Should().Be(503);
        twilio.GetTagItem("twilio.error_code").Should().Be(20500);
        twilio.GetTagItem("twilio.attempts").Should().Be(Attempts);
        twilio.Events.Where(e => e.Name == "twilio.retry").Select(e => e.Tags.Single(t => t.Key == "twilio.attempt").Value)
            .Should().Equal(Enumerable.Range(2, Attempts - 1).Cast<object>());
        trace.Where(span => span.Kind == ActivityKind.Client && span.ParentSpanId == twilio.SpanId)
            .Select(span => span.GetTagItem("http.response.status_code"))
            .Should().Equal(Enumerable.Repeat<object>(503, Attempts), "one HTTP span per attempt");
        var command = trace.Single(span => span.Source.Name == "VoipProviders.Application");
        command.Status.Should().Be(ActivityStatusCode.Error, "Twilio failing is the module's failure, not the caller's");
        command.GetTagItem("voip_providers.outcome").Should().Be("twilio_unavailable");

        var metrics = recorder.CollectMetrics(replica);
        Sum(metrics, "voip_providers.twilio.call.duration", ("twilio.operation", "accounts.fetch"), ("twilio.outcome", "twilio_unavailable"))
            .Should().Be(1, "one logical call failed");
        Sum(metrics, "voip_providers.twilio.call.duration", ("twilio.operation", "accounts.fetch"), ("twilio.outcome", "ok"))
            .Should().Be(0, "the replica made no other call");
        Sum(metrics, "voip_providers.twilio.call.retries", ("twilio.product", "api")).Should().Be(Attempts - 1);
        metrics["voip_providers.twilio.call.duration"].Unit.Should().Be("s");
        (await ServerRequestsAsync(recorder, replica, ("http.route", "/api/v1/providers/twilio/{id}/auth-token"), ("http.response.status_code", 502)))
            .Should().Be(1);

        await AssertTelemetryHasNoSecretAsync(recorder, [provider.Account.AuthToken, newToken], provider.Account.Sid);
    }

    [Fact]
    public async Task A_connect_and_its_replay_are_counted_and_export_no_Auth_Token_SIP_password_or_bearer_token()
    {
        var recorder = new TelemetryRecorder();
        await using var replica = await recorder.StartHostAsync(Fixture);
        var provider = NewProvider();

        using var client = replica.ClientFor(OrgA);
        client.DefaultRequestHeaders.Add("Idempotency-Key", "telemetry-connect-1");
        using var created = await client.PostAsJsonAsync(TwilioProvidersPath, provider.Body());
        var body = await created.Content.ReadAsStringAsync();
        using var replayed = await client.PostAsJsonAsync(TwilioProvidersPath, provider.Body());

        created.StatusCode.Should().Be(HttpStatusCode.Created, body);
        replayed.StatusCode.Should().Be(HttpStatusCode.Created);
        replayed.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        var id = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        var trace = await recorder.TraceOfAsync(span => IsServerSpanOf(span, "POST", TwilioProvidersPath), "the POST's server span");
        trace.Where(span => span.Source.Name == "VoipProviders.Twilio").Select(span => span.DisplayName).Should().Contain(
            ["twilio.api.accounts.fetch", "twilio.trunking.trunks.create", "twilio.api.credential_lists.create", "twilio.api.sip_credentials.create"],
            "the SIP credential's create (whose form carries the password) is traced too");
        var metrics = recorder.CollectMetrics(replica);
        Sum(metrics, "voip_providers.idempotency.requests", ("voip_providers.idempotency.outcome", "started")).Should().Be(1);
        Sum(metrics, "voip_providers.idempotency.requests", ("voip_providers.idempotency.outcome", "replayed")).Should().Be(1);
        var sipPassword = UnprotectSipPassword(id, (await Database.ColumnAsync(id, "sip_password_protected"))!);

        await AssertTelemetryHasNoSecretAsync(recorder, [provider.Account.AuthToken, sipPassword], provider.Account.Sid);
    }

    [Fact]
    public async Task A_background_job_runs_in_a_trace_of_its_own_linked_to_the_request_that_queued_it()
    {
        var id = await ConnectAsync();
        var recorder = new TelemetryRecorder();
        await using var replica = await recorder.StartHostAsync(Fixture);
        var path = $"{ProvidersPath}/{id}";

        using var deleted = await replica.ClientFor(OrgA).DeleteAsync(path);

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var request = (await recorder.TraceOfAsync(span => IsServerSpanOf(span, "DELETE", path), "the DELETE's server span"))
            .Single(span => IsServerSpanOf(span, "DELETE", path));
        var job = (await recorder.TraceOfAsync(
                span => span.DisplayName == "background-job twilio-resource-cleanup" && span.Links.Any(link => link.Context.TraceId == request.TraceId),
                "the clean-up's run, linked to the DELETE"))
            .ToList();
        var run = job.Single(span => span.DisplayName == "background-job twilio-resource-cleanup");
        run.TraceId.Should().NotBe(request.TraceId, "a job is a trace of its own, not a child of a request that ended long ago");
        var deleteCommand = recorder.Spans.Single(span => span.TraceId == request.TraceId && span.Source.Name == "VoipProviders.Application");
        run.Links.Should().ContainSingle().Which.Context.SpanId.Should().Be(
            deleteCommand.SpanId, "the link names the span that was current when the job was queued: the request's delete command");
        run.GetTagItem("voip_providers.job.outcome").Should().Be("completed");
        var command = job.Should().ContainSingle(span => span.DisplayName == "CleanUpTwilioResourcesCommand").Subject;
        command.GetTagItem("voip_providers.message.kind").Should().Be("job");
        command.ParentSpanId.Should().Be(run.SpanId);
        job.Where(span => span.Source.Name == "VoipProviders.Twilio").Select(span => span.DisplayName)
            .Should().Contain("twilio.trunking.trunks.delete", "the clean-up's Twilio calls are in the job's trace");
        Sum(recorder.CollectMetrics(replica), "voip_providers.background_jobs.runs",
                ("voip_providers.job.name", "twilio-resource-cleanup"), ("voip_providers.job.outcome", "completed"))
            .Should().Be(1, "whichever replica ran it, the run is counted once");
    }

    [Fact]
    public async Task An_integration_event_is_delivered_in_a_trace_of_its_own_linked_to_the_change_that_published_it()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550123");
        var recorder = new TelemetryRecorder();
        await using var replica = await recorder.StartHostAsync(Fixture);
        var path = $"{TwilioProvidersPath}/{id}/import-numbers";

        using var imported = await replica.ClientFor(OrgA).PostAsJsonAsync(path, new { phoneNumberSids = new[] { number.Sid } });

        imported.StatusCode.Should().Be(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var request = (await recorder.TraceOfAsync(span => IsServerSpanOf(span, "POST", path), "the import's server span"))
            .Single(span => IsServerSpanOf(span, "POST", path));
        var delivery = (await recorder.TraceOfAsync(
                span => span.DisplayName.StartsWith("integration-event PhoneNumbersImported", StringComparison.Ordinal)
                    && span.Links.Any(link => link.Context.TraceId == request.TraceId),
                "the delivery to the agents module, linked to the import"))
            .Single(span => span.DisplayName.StartsWith("integration-event PhoneNumbersImported", StringComparison.Ordinal));
        delivery.TraceId.Should().NotBe(request.TraceId);
        delivery.Kind.Should().Be(ActivityKind.Consumer);
        delivery.Status.Should().Be(ActivityStatusCode.Unset, "the handler took the event");
    }

    [Fact]
    public async Task An_opening_circuit_is_counted_and_the_calls_it_refuses_are_error_spans()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var recorder = new TelemetryRecorder();
        await using var replica = await recorder.StartHostAsync(Fixture);
        Twilio.EnqueueFaults(TwilioOperation.FetchAccount, [.. Enumerable.Repeat(EmulatedFault.Http(503), 20)]);
        using var client = replica.ClientFor(OrgA);
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PatchAsJsonAsync($"{TwilioProvidersPath}/{id}/auth-token", new { authToken = NewToken() });
            codes.Add((await ReadJsonAsync(response)).GetProperty("code").GetString()!);
        }

        codes.Should().Contain("twilio_circuit_open", "the breaker opened after the failures it counts");
        var metrics = recorder.CollectMetrics(replica);
        Sum(metrics, "voip_providers.twilio.circuit.opened", ("twilio.product", "api")).Should().Be(1);
        Sum(metrics, "voip_providers.twilio.call.duration", ("twilio.outcome", "twilio_circuit_open"))
            .Should().Be(codes.Count(code => code == "twilio_circuit_open"));
        recorder.Spans.Where(span => span.Source.Name == "VoipProviders.Twilio" && Equals(span.GetTagItem("twilio.outcome"), "twilio_circuit_open"))
            .Should().NotBeEmpty().And.OnlyContain(span => span.Status == ActivityStatusCode.Error);
        recorder.Spans.Should().ContainSingle(span => span.Events.Any(e => e.Name == "twilio.circuit.opened"), "the call that opened it says so");
    }

    [Fact]
    public async Task A_call_that_waits_for_its_accounts_concurrency_slot_is_marked_and_its_wait_measured()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var recorder = new TelemetryRecorder();
        await using var replica = await recorder.StartHostAsync(Fixture, new Dictionary<string, string> { ["Twilio:MaxConcurrentRequestsPerAccount"] = "1" });
        using var client = replica.ClientFor(OrgA);
        var token = provider.Account.AuthToken;
        var path = $"{TwilioProvidersPath}/{id}/auth-token";
        using var hold = Twilio.Hold(TwilioOperation.FetchAccount, BarrierTimeout);

        var first = client.PatchAsJsonAsync(path, new { authToken = token });
        await hold.WhenHeldAsync();
        var second = client.PatchAsJsonAsync(path, new { authToken = token });
        var limiter = replica.Services.GetRequiredService<TwilioResiliencePipeline>();
        await EventuallyAsync(
            () => Task.FromResult(limiter.LimiterStatistics(provider.Account.Sid)?.CurrentQueuedCount == 1),
            "the second call waits for the account's only slot");
        hold.Release();
        using var firstResponse = await first;
        using var secondResponse = await second;

        // Both read the same version: one commits, the other may lose the race (409); which one is not the point here.
        int[] statuses = [(int)firstResponse.StatusCode, (int)secondResponse.StatusCode];
        statuses.Should().Contain(200).And.OnlyContain(status => status == 200 || status == 409);
        Sum(recorder.CollectMetrics(replica), "voip_providers.twilio.throttle.wait.duration", ("twilio.product", "api")).Should().Be(1);
        var waited = recorder.Spans.Where(span => span.Source.Name == "VoipProviders.Twilio" && Equals(span.GetTagItem("twilio.throttled"), true)).ToList();
        waited.Should().ContainSingle().Which.Events.Should().Contain(e => e.Name == "twilio.throttle.waited");
    }

    [Fact]
    public async Task A_request_refused_by_the_rate_limiter_is_counted()
    {
        var recorder = new TelemetryRecorder();
        await using var replica = await recorder.StartHostAsync(Fixture, new Dictionary<string, string>
        {
            ["RateLimiting:MutatingRequestsPerMinutePerOrganization"] = "1",
        });
        using var client = replica.ClientFor(OrgA);

        using var first = await client.DeleteAsync($"{ProvidersPath}/{Guid.NewGuid()}");
        using var second = await client.DeleteAsync($"{ProvidersPath}/{Guid.NewGuid()}");

        first.StatusCode.Should().Be(HttpStatusCode.NotFound);
        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var metrics = recorder.CollectMetrics(replica);
        Sum(metrics, "aspnetcore.rate_limiting.requests", ("aspnetcore.rate_limiting.result", "global_limiter")).Should().Be(1);
        (await ServerRequestsAsync(recorder, replica, ("http.response.status_code", 429))).Should().Be(1);
    }

    [Fact]
    public void Without_an_OTLP_endpoint_nothing_is_registered_to_collect()
    {
        // The fixture's host runs with no OTEL_* variable and without Telemetry:Enabled, as production does by default.
        Fixture.Services.GetService<TracerProvider>().Should().BeNull();
        Fixture.Services.GetService<MeterProvider>().Should().BeNull();
    }

    [Fact]
    public async Task An_OTLP_endpoint_in_the_standard_variable_turns_collection_and_export_on()
    {
        await using var replica = await Fixture.StartHostAsync(new Dictionary<string, string>
        {
            // Nothing listens there: the exporter's failures are its own, the host serves on.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["BackgroundJobs:Enabled"] = "false",
        });

        replica.Services.GetService<TracerProvider>().Should().NotBeNull();
        replica.Services.GetService<MeterProvider>().Should().NotBeNull();
        using var response = await replica.ClientFor(OrgA).GetAsync(ProvidersPath);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static bool IsServerSpanOf(Activity span, string method, string path) =>
        span.Kind == ActivityKind.Server
        && Equals(span.GetTagItem("http.request.method"), method)
        && Equals(span.GetTagItem("url.path"), path);

    private static List<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        var ancestors = new List<Activity>();
        for (var parent = trace.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null; parent = trace.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            ancestors.Add(parent);
        }

        return ancestors;
    }

    /// <summary>
    /// Requests the server measured with the given tags. The server records a request once its response is complete,
    /// which the client may see first: the count is read again until it is there (or 10 s passed), then returned.
    /// </summary>
    private static async Task<long> ServerRequestsAsync(TelemetryRecorder recorder, TestHost replica, params (string Key, object Value)[] tags)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        long count;
        while ((count = Sum(recorder.CollectMetrics(replica), "http.server.request.duration", tags)) == 0 && !budget.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        return count;
    }

    /// <summary>The sum of a counter, or the count of a histogram, over the points carrying every given tag.</summary>
    private static long Sum(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags)
    {
        if (!metrics.TryGetValue(name, out var metric))
        {
            return 0;
        }

        long total = 0;
        foreach (var point in metric.MetricPoints)
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(tag => pointTags.TryGetValue(tag.Key, out var value) && Equals(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture))))
            {
                total += metric.MetricType switch
                {
                    MetricType.Histogram => point.GetHistogramCount(),
                    MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                    _ => (long)point.GetSumDouble(),
                };
            }
        }

        return total;
    }

    /// <summary>
    /// No secret — nor its Basic-auth form, nor the bearer token the test client sends — in any exported span name,
    /// attribute, event, link, status or metric tag.
    /// </summary>
    private static async Task AssertTelemetryHasNoSecretAsync(TelemetryRecorder recorder, IEnumerable<string> secrets, string accountSid)
    {
        // The last spans of a request (its server span) end after the response went out.
        await Task.Yield();
        var exported = recorder.ExportedText();
        exported.Should().Contain(accountSid, "the scan reads what was exported: the Twilio URLs name the account");
        var bearer = IntegrationFixture.TokenFor(OrgA);
        var needles = secrets
            .SelectMany(secret => new[] { secret, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{secret}")) })
            .Append(bearer)
            .Append(bearer.Split('.')[2]);
        foreach (var needle in needles)
        {
            exported.Should().NotContain(needle, "secrets never reach telemetry");
        }
    }
}
