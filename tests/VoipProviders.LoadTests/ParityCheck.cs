using System.Text;
using System.Text.Json.Nodes;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.LoadTests;

/// <summary>
/// Before anything is measured, proves the reference answers what the project answers over the same rows and makes the
/// same Twilio calls: GET and list byte for byte; the inbound resolution byte for byte (a seeded number; an unknown one
/// 404 on both; a tenant token 403 on both); a rotation on each (same Twilio requests, and the project's next read
/// of the reference's write identical to the reference's response — the token it stored is readable by the project);
/// each rotation leaves the same rows (one audit record and one integration event of the rotation, unless
/// --reference-bare); a stale If-Match → 412 on both; a verification on each (same Twilio requests, same checks but for timestamps, and
/// the stored result rendered identically by both). Prints one line per comparison; returns the number of mismatches.
/// </summary>
internal static class ParityCheck
{
    public static async Task<int> RunAsync(
        LoadTarget project, LoadTarget reference, TwilioEmulatorHost emulator, Fleet fleet, LoadOptions options, CancellationToken cancellationToken)
    {
        var provider = fleet.Providers[0];
        var bearer = fleet.BearerOf(provider);
        var failures = 0;

        void Report(string what, bool same, string? detail = null)
        {
            failures += same ? 0 : 1;
            Console.WriteLine($"  {(same ? "same" : "DIFFERENT")}: {what}{(same || detail is null ? "" : Environment.NewLine + detail)}");
        }

        Console.WriteLine($"parity of the reference with the project (provider {provider.Id}):");
        var get = (await SendAsync(project, HttpMethod.Get, provider.GetPath, bearer, cancellationToken), await SendAsync(reference, HttpMethod.Get, provider.GetPath, bearer, cancellationToken));
        Report("GET provider: status, ETag and body bytes", get.Item1.Equals(get.Item2), Both(get.Item1, get.Item2));

        var list = (await SendAsync(project, HttpMethod.Get, "api/v1/providers", bearer, cancellationToken), await SendAsync(reference, HttpMethod.Get, "api/v1/providers", bearer, cancellationToken));
        Report("list (default page): status and body bytes", list.Item1.Equals(list.Item2), Both(list.Item1, list.Item2));

        // The inbound resolution (issue #18), with the service token: the owner of a seeded number, byte for byte and as
        // seeded; an unknown number 404 on both (the same problem but for its traceId); a tenant token refused on both.
        var number = provider.Numbers[0];
        var resolved = (await SendAsync(project, HttpMethod.Get, number.ResolvePath, fleet.ServiceBearer, cancellationToken), await SendAsync(reference, HttpMethod.Get, number.ResolvePath, fleet.ServiceBearer, cancellationToken));
        var expected = $$"""{"organizationId":"{{fleet.Organizations[provider.Organization]}}","providerId":"{{provider.Id}}","phoneNumberId":"{{number.Id}}","phoneNumber":"{{number.PhoneNumber}}"}""";
        Report(
            $"resolve {number.PhoneNumber} by routing key: 200, body bytes (= the seeded owner), Content-Type and Cache-Control no-store",
            resolved.Item1.Equals(resolved.Item2) && resolved.Item1.SameHeaders(resolved.Item2)
                && resolved.Item1.Status == 200 && resolved.Item1.Body == expected && resolved.Item1.CacheControl == "no-store",
            $"    expected      {expected}{Environment.NewLine}{Both(resolved.Item1, resolved.Item2)}{Environment.NewLine}{Headers(resolved.Item1, resolved.Item2)}");
        var unknownPath = SeededNumber.ResolvePathOf("+19999999999", provider.InboundRoutingKey);
        var unknown = (await SendAsync(project, HttpMethod.Get, unknownPath, fleet.ServiceBearer, cancellationToken), await SendAsync(reference, HttpMethod.Get, unknownPath, fleet.ServiceBearer, cancellationToken));
        Report(
            "resolve an unknown number: 404 on both, same problem (traceId aside), Content-Type and Cache-Control",
            unknown.Item1.Status == 404 && unknown.Item1.SameHeaders(unknown.Item2)
                && unknown.Item1 with { Body = WithoutTraceId(unknown.Item1.Body) } == unknown.Item2 with { Body = WithoutTraceId(unknown.Item2.Body) },
            $"{Both(unknown.Item1, unknown.Item2)}{Environment.NewLine}{Headers(unknown.Item1, unknown.Item2)}");
        var tenant = (await SendAsync(project, HttpMethod.Get, number.ResolvePath, bearer, cancellationToken), await SendAsync(reference, HttpMethod.Get, number.ResolvePath, bearer, cancellationToken));
        Report("resolve with a tenant token: 403 on both", tenant.Item1.Status == 403 && tenant.Item2.Status == 403, Both(tenant.Item1, tenant.Item2));

        // Rotations: the project first, then the reference on the version the project left.
        var recordsBefore = await RotationRecordsAsync(options.ConnectionString, provider.Id, cancellationToken);
        emulator.State.ClearRequests();
        var projectRotation = await SendAsync(project, HttpMethod.Patch, provider.AuthTokenPath, bearer, cancellationToken, provider.AuthTokenBody, provider.IfMatch);
        var projectRotationCalls = TwilioCalls(emulator);
        provider.TrySee(projectRotation.ETag);
        emulator.State.ClearRequests();
        var referenceRotation = await SendAsync(reference, HttpMethod.Patch, provider.AuthTokenPath, bearer, cancellationToken, provider.AuthTokenBody, provider.IfMatch);
        var referenceRotationCalls = TwilioCalls(emulator);
        provider.TrySee(referenceRotation.ETag);
        var recordsAfter = await RotationRecordsAsync(options.ConnectionString, provider.Id, cancellationToken);
        Report(
            $"PATCH auth-token: 200 on both, Twilio calls [{projectRotationCalls}]",
            projectRotation.Status == 200 && referenceRotation.Status == 200 && projectRotationCalls == referenceRotationCalls,
            $"    project {projectRotation.Status} [{projectRotationCalls}]{Environment.NewLine}    reference {referenceRotation.Status} [{referenceRotationCalls}]{Environment.NewLine}{Both(projectRotation, referenceRotation)}");
        var afterReferenceRotation = await SendAsync(project, HttpMethod.Get, provider.GetPath, bearer, cancellationToken);
        Report("the project's GET after the reference's PATCH = the reference's PATCH response (ETag, body bytes)", afterReferenceRotation.Equals(referenceRotation), Both(afterReferenceRotation, referenceRotation));
        Report("PATCH shapes: same properties as the project's", Shape(projectRotation.Body) == Shape(referenceRotation.Body), Both(projectRotation, referenceRotation));
        var expectedRecords = options.ReferenceRecords ? (Audit: 2, Events: 2) : (Audit: 1, Events: 1);
        var written = (Audit: recordsAfter.Audit - recordsBefore.Audit, Events: recordsAfter.Events - recordsBefore.Events);
        Report(
            options.ReferenceRecords
                ? "PATCH rows: each rotation wrote one audit record and one integration event"
                : "PATCH rows: the project's rotation wrote one audit record and one integration event, the reference's none (--reference-bare)",
            written == expectedRecords,
            $"    audit records {written.Audit}, events {written.Events}; expected {expectedRecords.Audit} and {expectedRecords.Events}");

        var stale = $"\"{provider.Id:N}-{provider.Version - 1}\"";
        var projectStale = await SendAsync(project, HttpMethod.Patch, provider.AuthTokenPath, bearer, cancellationToken, provider.AuthTokenBody, stale);
        var referenceStale = await SendAsync(reference, HttpMethod.Patch, provider.AuthTokenPath, bearer, cancellationToken, provider.AuthTokenBody, stale);
        Report("PATCH with a stale If-Match: 412 on both", projectStale.Status == 412 && referenceStale.Status == 412, Both(projectStale, referenceStale));

        // Verifications: each server decrypts the token the other stored last; same Twilio calls, same checks.
        emulator.State.ClearRequests();
        var projectVerify = await SendAsync(project, HttpMethod.Post, provider.VerifyPath, bearer, cancellationToken);
        var projectVerifyCalls = TwilioCalls(emulator);
        emulator.State.ClearRequests();
        var referenceVerify = await SendAsync(reference, HttpMethod.Post, provider.VerifyPath, bearer, cancellationToken);
        var referenceVerifyCalls = TwilioCalls(emulator);
        Report(
            $"verify: 200 on both, Twilio calls [{projectVerifyCalls}]",
            projectVerify.Status == 200 && referenceVerify.Status == 200 && projectVerifyCalls == referenceVerifyCalls,
            $"    project {projectVerify.Status} [{projectVerifyCalls}]{Environment.NewLine}    reference {referenceVerify.Status} [{referenceVerifyCalls}]");
        Report("verify body: same status and checks (timestamps aside)", WithoutTimestamps(projectVerify.Body) == WithoutTimestamps(referenceVerify.Body), Both(projectVerify, referenceVerify));
        var storedByReference = (await SendAsync(project, HttpMethod.Get, provider.GetPath, bearer, cancellationToken), await SendAsync(reference, HttpMethod.Get, provider.GetPath, bearer, cancellationToken));
        Report("GET after the reference's verify: the project renders the stored result as the reference does", storedByReference.Item1.Equals(storedByReference.Item2), Both(storedByReference.Item1, storedByReference.Item2));
        emulator.State.ClearRequests();
        return failures;
    }

    private static async Task<Answer> SendAsync(
        LoadTarget target, HttpMethod method, string path, string bearer, CancellationToken cancellationToken, byte[]? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", bearer);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } };
        }

        using var response = await target.Client.SendAsync(request, cancellationToken);
        return new Answer(
            (int)response.StatusCode,
            response.Headers.ETag?.ToString(),
            await response.Content.ReadAsStringAsync(cancellationToken),
            response.Content.Headers.ContentType?.ToString(),
            response.Headers.CacheControl?.ToString());
    }

    private static string TwilioCalls(TwilioEmulatorHost emulator) =>
        string.Join(", ", emulator.State.Requests
            .Select(r => $"{r.Method} {r.Path}{r.Query} as {r.AuthUser?[..6]}… → {r.ResponseStatus}")
            .Order(StringComparer.Ordinal));

    private static string Both(Answer project, Answer reference) =>
        $"    project   {project.Status} {project.ETag} {project.Body}{Environment.NewLine}    reference {reference.Status} {reference.ETag} {reference.Body}";

    private static string Headers(Answer project, Answer reference) =>
        $"    project   Content-Type {project.ContentType}, Cache-Control {project.CacheControl}{Environment.NewLine}    reference Content-Type {reference.ContentType}, Cache-Control {reference.CacheControl}";

    private static string WithoutTraceId(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject problem)
        {
            return json;
        }

        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    /// <summary>The property paths of a JSON document, in order.</summary>
    private static string Shape(string json)
    {
        var paths = new StringBuilder();
        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        paths.Append(path).Append('.').Append(key).Append(' ');
                        Walk(value, path + "." + key);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item, path + "[]");
                    }

                    break;
            }
        }

        Walk(JsonNode.Parse(json), "$");
        return paths.ToString();
    }

    private static string WithoutTimestamps(string json)
    {
        var root = JsonNode.Parse(json);
        void Mask(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var key in obj.Select(p => p.Key).ToList())
                    {
                        if (key is "timestamp" or "lastVerifiedAt")
                        {
                            obj[key] = "*";
                        }
                        else
                        {
                            Mask(obj[key]);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Mask(item);
                    }

                    break;
            }
        }

        Mask(root);
        return root?.ToJsonString() ?? "null";
    }

    /// <summary>An answer; <see cref="ContentType"/> and <see cref="CacheControl"/> count only where a check compares them.</summary>
    private sealed record Answer(int Status, string? ETag, string Body, string? ContentType = null, string? CacheControl = null)
    {
        public bool Equals(Answer? other) => other is not null && Status == other.Status && ETag == other.ETag && Body == other.Body;

        public override int GetHashCode() => HashCode.Combine(Status, ETag, Body);

        public bool SameHeaders(Answer other) => ContentType == other.ContentType && CacheControl == other.CacheControl;
    }

    /// <summary>How many rotation audit records and rotation events the provider has.</summary>
    private static async Task<(long Audit, long Events)> RotationRecordsAsync(string connectionString, Guid providerId, CancellationToken cancellationToken)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM voip_providers.audit_events WHERE provider_id = $1 AND action = 'provider.auth_token.rotated' AND outcome = 'succeeded'),
                   (SELECT count(*) FROM voip_providers.integration_events WHERE provider_id = $1 AND event_type = 'ProviderAuthTokenRotated')
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = providerId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
