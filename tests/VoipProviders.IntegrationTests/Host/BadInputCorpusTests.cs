using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.Web.Auth;

namespace VoipProviders.IntegrationTests.Host;

/// <summary>
/// Issue 8 §6: a corpus of bad requests — malformed JSON, wrong types, huge and deeply nested bodies, unknown fields, bad
/// ids, bad query values, wrong content types, bad/expired/foreign tokens — over every endpoint. Each one must be a
/// 4xx problem+json with a <c>code</c> and a <c>traceId</c> (never a 5xx), and must change nothing: no provider row
/// created or written, no number imported or removed, and no call to Twilio.
/// </summary>
public sealed class BadInputCorpusTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string Providers = "/api/v1/providers";
    private const string ProviderById = "/api/v1/providers/{id}";
    private const string VerifyProvider = "/api/v1/providers/twilio/{id}/verify";
    private const string TwilioProviders = "/api/v1/providers/twilio";
    private const string TwilioProviderById = "/api/v1/providers/twilio/{id}";
    private const string AuthToken = "/api/v1/providers/twilio/{id}/auth-token";
    private const string AvailableNumbers = "/api/v1/providers/twilio/{id}/available-numbers";
    private const string ImportNumbers = "/api/v1/providers/twilio/{id}/import-numbers";
    private const string ProviderNumbers = "/api/v1/providers/twilio/{id}/phone-numbers";
    private const string ProviderNumberById = "/api/v1/providers/twilio/{id}/phone-numbers/{phoneNumberId}";
    private const string PhoneNumbers = "/api/v1/phone-numbers";
    private const string PhoneNumberById = "/api/v1/phone-numbers/{id}";
    private const string RotateSipCredential = "/api/v1/providers/twilio/{id}/sip-credential/rotate";
    private const string DialOutRoute = "/internal/v1/providers/{id}/dial-out-route";
    private const string ResolveInboundCall = "/internal/v1/inbound-calls/resolve";
    private const string AuditEvents = "/api/v1/audit-events";
    private const string ProviderAuditEvents = "/api/v1/providers/twilio/{id}/audit-events";
    private const string ParkedDeliveries = "/internal/v1/integration-events/parked";
    private const string RetryParkedDeliveries = "/internal/v1/integration-events/parked/retry";
    private const string BackgroundWork = "/internal/v1/background-work";
    private const string BackgroundWorkList = "/internal/v1/background-work/{category}";
    private const string RetryAbandonedCleanup = "/internal/v1/background-work/abandoned-cleanups/{id}/retry";
    private const string Rotations = "/api/v1/providers/twilio/{id}/auth-token/rotations";
    private const string RotationById = "/api/v1/providers/twilio/{id}/auth-token/rotations/{rotationId}";
    private const string RotationPolicy = "/api/v1/providers/twilio/{id}/auth-token/rotation-policy";
    private const string RepairProvider = "/api/v1/providers/twilio/{id}/repair";
    private const string ProviderSettings = "/api/v1/providers/settings";
    private const string DeprecatedVerifyProvider = "/api/v1/providers/{id}/verify";
    private const string DeprecatedRepairProvider = "/api/v1/providers/{id}/repair";
    private const string DeprecatedProviderAuditEvents = "/api/v1/providers/{id}/audit-events";
    private const string UnknownRotation = "0199f6a2-4c1e-7b3d-9a10-00000000ffff";

    /// <summary>No endpoint: a route that does not exist or a method a route does not have.</summary>
    private const string NoEndpoint = "(no endpoint)";

    private const int BodyLimit = 64 * 1024;

    private static readonly string[] EndpointPrefixesWithoutCorpus = ["/openapi", "/health", "/scalar"];

    private static readonly IReadOnlyList<Case> Corpus = BuildCorpus();

    /// <summary>
    /// Kestrel refuses a request target whose path decodes to a NUL ("Invalid request target") while parsing the request
    /// line, before any middleware runs: a bare 400 with no body and <c>Connection: close</c>, so no problem+json.
    /// </summary>
    private const string KestrelNulBug =
        "Product bug (issue 8 §5): a %00 in the path is answered by Kestrel itself with a bare 400 (empty body, no " +
        "Content-Type, Connection: close; log 'Microsoft.AspNetCore.Server.Kestrel.BadRequests: Invalid request target') " +
        "instead of problem+json with a code. Nothing runs and nothing changes, but the 4xx contract is broken.";

    public static TheoryData<string> CaseNames => Names(Corpus.Where(c => c.SkipBecause is null));

    public static TheoryData<string> KnownBugCaseNames => Names(Corpus.Where(c => c.SkipBecause is not null));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_bad_request_is_refused_with_problem_json_and_changes_nothing(string name)
    {
        var entry = Corpus.Single(c => c.Name == name);
        var context = await ArrangeAsync(entry.Setup);
        var providersBefore = await Database.CountProvidersAsync();
        var rowBefore = context.ProviderId is { } id ? await Database.ProviderRowSnapshotAsync(id) : null;
        var numbersBefore = await Database.CountImportedNumbersAsync();
        Twilio.ClearRequests();

        using var client = Fixture.AnonymousClient();
        using var request = new HttpRequestMessage(entry.Method, entry.Path(context)) { Content = entry.Body?.Invoke() };
        if (entry.Authorization(context) is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var because = $"{entry.Name}: {entry.Method} {request.RequestUri} answered {(int)response.StatusCode} {body}";

        ((int)response.StatusCode).Should().BeInRange(400, 499, because);
        ((int)response.StatusCode).Should().Be((int)entry.Status, because);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", because);
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new Xunit.Sdk.XunitException($"{because}: not JSON ({exception.Message}) {string.Join("; ", Fixture.Logs.GetSnapshot().Where(r => r.Category?.EndsWith("BadRequests", StringComparison.Ordinal) == true).Select(r => r.Message))}");
        }

        problem.ValueKind.Should().Be(JsonValueKind.Object, because);
        problem.TryGetProperty("code", out var code).Should().BeTrue(because);
        code.ValueKind.Should().Be(JsonValueKind.String, because);
        code.GetString().Should().NotBeNullOrWhiteSpace(because);
        if (entry.Code is not null)
        {
            code.GetString().Should().Be(entry.Code, because);
        }

        problem.TryGetProperty("traceId", out var traceId).Should().BeTrue(because);
        traceId.ValueKind.Should().Be(JsonValueKind.String, because);
        traceId.GetString().Should().NotBeNullOrWhiteSpace(because);
        body.Should().NotContain("   at ", "no stack trace is ever returned");

        (await Database.CountProvidersAsync()).Should().Be(providersBefore, because);
        if (context.ProviderId is { } providerId)
        {
            (await Database.ProviderRowSnapshotAsync(providerId)).Should().Be(rowBefore, because);
        }

        (await Database.CountImportedNumbersAsync()).Should().Be(numbersBefore, because);
        Twilio.Requests.Should().BeEmpty(because);
    }

    /// <summary>The cases that reproduce a known product bug (see <see cref="KestrelNulBug"/>); unskip once it is fixed.</summary>
    [Theory(Skip = KestrelNulBug)]
    [MemberData(nameof(KnownBugCaseNames))]
    public Task A_bad_request_with_a_NUL_in_the_path_is_refused_with_problem_json(string name) =>
        A_bad_request_is_refused_with_problem_json_and_changes_nothing(name);

    [Fact]
    public void The_corpus_has_at_least_60_requests_and_touches_every_endpoint_of_the_app()
    {
        Corpus.Where(c => c.SkipBecause is null).Should().HaveCountGreaterThanOrEqualTo(60);
        Corpus.Select(c => c.Name).Should().OnlyHaveUniqueItems();

        var endpoints = Fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !EndpointPrefixesWithoutCorpus.Any(p => raw.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {Normalize(e.RoutePattern.RawText!)}"))
            .Distinct()
            .ToList();
        endpoints.Should().NotBeEmpty();

        var covered = Corpus.Where(c => c.SkipBecause is null).Select(c => $"{c.Method.Method} {c.Template}").ToHashSet();
        endpoints.Should().OnlyContain(
            endpoint => covered.Contains(endpoint),
            "every endpoint needs bad-input cases; covered: " + string.Join(", ", covered.Order()));
        covered.Where(c => !c.EndsWith(NoEndpoint, StringComparison.Ordinal)).Should().BeSubsetOf(
            endpoints, "a case names the route template of a real endpoint");
    }

    private static TheoryData<string> Names(IEnumerable<Case> cases)
    {
        var names = new TheoryData<string>();
        foreach (var entry in cases)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    private static string Normalize(string rawText) => "/" + rawText.Trim('/');

    private async Task<Context> ArrangeAsync(Setup setup)
    {
        if (setup == Setup.None)
        {
            return new Context(null, null);
        }

        var provider = NewProvider();
        var providerId = await provider.ConnectAsync();
        if (setup == Setup.Provider)
        {
            return new Context(providerId, null);
        }

        var number = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101");
        var numberId = (await ImportAllAsync(providerId, number.Sid)).Single();
        return new Context(providerId, numberId);
    }

    private static List<Case> BuildCorpus()
    {
        var cases = new List<Case>();

        void Add(
            string name,
            HttpMethod method,
            string template,
            Func<Context, string> path,
            HttpStatusCode status,
            string? code = null,
            Setup setup = Setup.None,
            Func<HttpContent?>? body = null,
            Func<Context, string?>? authorization = null,
            string? skipBecause = null) =>
            cases.Add(new Case(name, method, template, path, status, code, setup, body, authorization ?? (_ => Bearer(Member))) { SkipBecause = skipBecause });

        static string P(Context c) => c.ProviderId!.Value.ToString();
        static string N(Context c) => c.PhoneNumberId!.Value.ToString();

        var longSegment = new string('a', 1000);
        const string emptyGuid = "00000000-0000-0000-0000-000000000000";

        // --- Tokens: none, garbage, expired, signed with another key, no org_id, wrong audience/issuer, alg none, Basic.
        (string Name, string Template, HttpMethod Method, Func<Context, string> Path, Setup Setup)[] everyEndpoint =
        [
            ("list providers", Providers, HttpMethod.Get, _ => Providers, Setup.None),
            ("get provider", ProviderById, HttpMethod.Get, c => $"{Providers}/{P(c)}", Setup.Provider),
            ("verify provider", VerifyProvider, HttpMethod.Post, c => $"{Providers}/twilio/{P(c)}/verify", Setup.Provider),
            ("delete provider", ProviderById, HttpMethod.Delete, c => $"{Providers}/{P(c)}", Setup.Provider),
            ("connect twilio", TwilioProviders, HttpMethod.Post, _ => TwilioProviders, Setup.None),
            ("get twilio provider", TwilioProviderById, HttpMethod.Get, c => $"{TwilioProviders}/{P(c)}", Setup.Provider),
            ("update twilio provider", TwilioProviderById, HttpMethod.Put, c => $"{TwilioProviders}/{P(c)}", Setup.Provider),
            ("rotate auth token", AuthToken, HttpMethod.Patch, c => $"{TwilioProviders}/{P(c)}/auth-token", Setup.Provider),
            ("rotate SIP credential", RotateSipCredential, HttpMethod.Post, c => $"{TwilioProviders}/{P(c)}/sip-credential/rotate", Setup.Provider),
            ("list available numbers", AvailableNumbers, HttpMethod.Get, c => $"{TwilioProviders}/{P(c)}/available-numbers", Setup.Provider),
            ("import numbers", ImportNumbers, HttpMethod.Post, c => $"{TwilioProviders}/{P(c)}/import-numbers", Setup.Provider),
            ("list provider numbers", ProviderNumbers, HttpMethod.Get, c => $"{TwilioProviders}/{P(c)}/phone-numbers", Setup.ProviderWithNumber),
            ("remove number", ProviderNumberById, HttpMethod.Delete, c => $"{TwilioProviders}/{P(c)}/phone-numbers/{N(c)}", Setup.ProviderWithNumber),
            ("list phone numbers", PhoneNumbers, HttpMethod.Get, _ => PhoneNumbers, Setup.None),
            ("get phone number", PhoneNumberById, HttpMethod.Get, c => $"{PhoneNumbers}/{N(c)}", Setup.ProviderWithNumber),
            ("list audit events", AuditEvents, HttpMethod.Get, _ => AuditEvents, Setup.None),
            ("list provider audit events", ProviderAuditEvents, HttpMethod.Get, c => $"{Providers}/twilio/{P(c)}/audit-events", Setup.Provider),
            ("start auth token rotation", Rotations, HttpMethod.Post, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations", Setup.Provider),
            ("list auth token rotations", Rotations, HttpMethod.Get, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations", Setup.Provider),
            ("get auth token rotation", RotationById, HttpMethod.Get, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations/{UnknownRotation}", Setup.Provider),
            ("cancel auth token rotation", RotationById, HttpMethod.Delete, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations/{UnknownRotation}", Setup.Provider),
            ("set auth token rotation policy", RotationPolicy, HttpMethod.Put, c => $"{TwilioProviders}/{P(c)}/auth-token/rotation-policy", Setup.Provider),
            ("plan repair", RepairProvider, HttpMethod.Post, c => $"{Providers}/twilio/{P(c)}/repair?dryRun=true", Setup.Provider),
            ("repair provider", RepairProvider, HttpMethod.Post, c => $"{Providers}/twilio/{P(c)}/repair", Setup.Provider),
            ("get provider settings", ProviderSettings, HttpMethod.Get, _ => ProviderSettings, Setup.None),
            ("update provider settings", ProviderSettings, HttpMethod.Put, _ => ProviderSettings, Setup.None),
        ];

        // A valid body for the mutating endpoints, so only the token is wrong.
        Func<HttpContent?>? ValidBody(HttpMethod method, string template) => (method.Method, template) switch
        {
            ("POST", TwilioProviders) => () => JsonBody("""{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef"}"""),
            ("PUT", TwilioProviderById) => () => JsonBody("""{"name":"Renamed"}"""),
            ("PATCH", AuthToken) => () => JsonBody("""{"authToken":"0123456789abcdef0123456789abcdef"}"""),
            ("POST", ImportNumbers) => () => JsonBody("""{"phoneNumberSids":["PN0123456789abcdef0123456789abcdef"]}"""),
            ("POST", Rotations) => () => JsonBody("""{"propagationDelaySeconds":60,"acknowledgeOtherSystemsLoseAccess":true}"""),
            ("PUT", RotationPolicy) => () => JsonBody("""{"enabled":true,"intervalDays":90}"""),
            ("PUT", ProviderSettings) => () => JsonBody("""{"defaultAutoRepair":"safe"}"""),
            _ => null,
        };

        foreach (var (name, template, method, path, setup) in everyEndpoint)
        {
            Add($"no token: {name}", method, template, path, HttpStatusCode.Unauthorized, "unauthorized", setup, ValidBody(method, template), _ => null);
        }

        // A member of another organization: the provider and its numbers do not exist for them.
        foreach (var (name, template, method, path, setup) in everyEndpoint.Where(e => e.Template.Contains("{id}", StringComparison.Ordinal)))
        {
            Add($"foreign organization's token: {name}", method, template, path, HttpStatusCode.NotFound, "not_found", setup, ValidBody(method, template), _ => Bearer(Foreign));
        }

        Add("garbage token: list providers", HttpMethod.Get, Providers, _ => Providers, HttpStatusCode.Unauthorized, "unauthorized", authorization: _ => "Bearer not.a.jwt");
        Add("garbage token: connect", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.Unauthorized, "unauthorized",
            body: ValidBody(HttpMethod.Post, TwilioProviders), authorization: _ => "Bearer " + new string('x', 4000));
        Add("expired token: update twilio provider", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.Unauthorized, "unauthorized",
            Setup.Provider, ValidBody(HttpMethod.Put, TwilioProviderById), _ => Bearer(TestTokens.Expired(OrgA)));
        Add("token signed with another key: delete provider", HttpMethod.Delete, ProviderById, c => $"{Providers}/{P(c)}", HttpStatusCode.Unauthorized, "unauthorized",
            Setup.Provider, authorization: _ => Bearer(Token(signingKey: "another-key-that-the-host-does-not-know-0123456789")));
        Add("token without org_id: rotate auth token", HttpMethod.Patch, AuthToken, c => $"{TwilioProviders}/{P(c)}/auth-token", HttpStatusCode.Forbidden, "forbidden",
            Setup.Provider, ValidBody(HttpMethod.Patch, AuthToken), _ => Bearer(TestTokens.WithoutOrganization()));
        Add("token with the wrong audience: verify provider", HttpMethod.Post, VerifyProvider, c => $"{Providers}/twilio/{P(c)}/verify", HttpStatusCode.Unauthorized, "unauthorized",
            Setup.Provider, authorization: _ => Bearer(Token(audience: "someone-elses-api")));
        Add("token with the wrong issuer: import numbers", HttpMethod.Post, ImportNumbers, c => $"{TwilioProviders}/{P(c)}/import-numbers", HttpStatusCode.Unauthorized, "unauthorized",
            Setup.Provider, ValidBody(HttpMethod.Post, ImportNumbers), _ => Bearer(Token(issuer: "https://issuer.example")));
        Add("unsigned token (alg none): get provider", HttpMethod.Get, ProviderById, c => $"{Providers}/{P(c)}", HttpStatusCode.Unauthorized, "unauthorized",
            Setup.Provider, authorization: _ => Bearer(UnsignedToken(OrgA)));
        Add("Basic credentials instead of a token: list phone numbers", HttpMethod.Get, PhoneNumbers, _ => PhoneNumbers, HttpStatusCode.Unauthorized, "unauthorized",
            authorization: _ => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC0123456789abcdef0123456789abcdef:secret")));

        // --- Malformed JSON.
        Add("malformed JSON: connect, truncated object", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest, body: () => JsonBody("{"));
        Add("malformed JSON: connect, trailing comma", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest,
            body: () => JsonBody("""{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef",}"""));
        Add("malformed JSON: connect, empty body", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest, body: () => JsonBody(string.Empty));
        Add("malformed JSON: update, truncated value", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"name":"""));
        Add("malformed JSON: rotate, not JSON at all", HttpMethod.Patch, AuthToken, c => $"{TwilioProviders}/{P(c)}/auth-token", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("authToken=0123456789abcdef0123456789abcdef"));
        Add("malformed JSON: import, unclosed array", HttpMethod.Post, ImportNumbers, c => $"{TwilioProviders}/{P(c)}/import-numbers", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"phoneNumberSids":["PN0123456789abcdef0123456789abcdef"}"""));
        Add("malformed JSON: connect, invalid UTF-8", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest,
            body: () => new ByteArrayContent([.. "{\"name\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}"u8.ToArray()]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });

        // --- Wrong JSON types.
        Add("wrong type: connect, number for accountSid", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest,
            body: () => JsonBody("""{"accountSid":12345,"authToken":"0123456789abcdef0123456789abcdef"}"""));
        Add("wrong type: connect, array for authToken", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest,
            body: () => JsonBody("""{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":["0123456789abcdef0123456789abcdef"]}"""));
        Add("wrong type: connect, string for supportsCallTransfer", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest,
            body: () => JsonBody("""{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef","supportsCallTransfer":"yes"}"""));
        Add("wrong type: connect, array for the body", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest,
            body: () => JsonBody("""[{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef"}]"""));
        Add("wrong type: connect, null body", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest, body: () => JsonBody("null"));
        Add("wrong type: connect, object for name", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest,
            body: () => JsonBody("""{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef","name":{"first":"a"}}"""));
        Add("wrong type: update, number for name", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"name":42}"""));
        Add("wrong type: update, string for supportsCallTransfer", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"supportsCallTransfer":"maybe"}"""));
        Add("wrong type: update, array for the body", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""[{"name":"Renamed"}]"""));
        Add("wrong type: update, null body", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("null"));
        Add("wrong type: rotate, number for authToken", HttpMethod.Patch, AuthToken, c => $"{TwilioProviders}/{P(c)}/auth-token", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"authToken":1234567890}"""));
        Add("wrong type: rotate, null authToken", HttpMethod.Patch, AuthToken, c => $"{TwilioProviders}/{P(c)}/auth-token", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"authToken":null}"""));
        Add("wrong type: import, string for phoneNumberSids", HttpMethod.Post, ImportNumbers, c => $"{TwilioProviders}/{P(c)}/import-numbers", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"phoneNumberSids":"PN0123456789abcdef0123456789abcdef"}"""));
        Add("wrong type: import, numbers in phoneNumberSids", HttpMethod.Post, ImportNumbers, c => $"{TwilioProviders}/{P(c)}/import-numbers", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"phoneNumberSids":[1,2,3]}"""));
        Add("wrong type: import, null phoneNumberSids", HttpMethod.Post, ImportNumbers, c => $"{TwilioProviders}/{P(c)}/import-numbers", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"phoneNumberSids":null}"""));
        Add("wrong value: import, empty phoneNumberSids", HttpMethod.Post, ImportNumbers, c => $"{TwilioProviders}/{P(c)}/import-numbers", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"phoneNumberSids":[]}"""));

        // --- Unknown fields.
        Add("unknown field: connect with nothing known", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest,
            body: () => JsonBody("""{"sid":"AC0123456789abcdef0123456789abcdef","token":"0123456789abcdef0123456789abcdef"}"""));
        Add("unknown field: update", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"name":"Renamed","isAdmin":true}"""));
        Add("unknown field: update tries to change accountSid", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"accountSid":"AC0123456789abcdef0123456789abcdef"}"""));
        Add("unknown field: rotate without authToken", HttpMethod.Patch, AuthToken, c => $"{TwilioProviders}/{P(c)}/auth-token", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"newAuthToken":"0123456789abcdef0123456789abcdef"}"""));

        // --- Huge bodies (over Api:MaxRequestBodyBytes) and deeply nested JSON.
        Add("huge body: connect", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.RequestEntityTooLarge, "payload_too_large", body: () => HugeBody());
        Add("huge body: update", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.RequestEntityTooLarge, "payload_too_large",
            Setup.Provider, () => HugeBody());
        Add("huge body: rotate", HttpMethod.Patch, AuthToken, c => $"{TwilioProviders}/{P(c)}/auth-token", HttpStatusCode.RequestEntityTooLarge, "payload_too_large",
            Setup.Provider, () => HugeBody());
        Add("huge body: import", HttpMethod.Post, ImportNumbers, c => $"{TwilioProviders}/{P(c)}/import-numbers", HttpStatusCode.RequestEntityTooLarge, "payload_too_large",
            Setup.Provider, () => HugeBody());
        Add("huge body: verify (takes no body)", HttpMethod.Post, VerifyProvider, c => $"{Providers}/twilio/{P(c)}/verify", HttpStatusCode.RequestEntityTooLarge, "payload_too_large",
            Setup.Provider, () => HugeBody());
        Add("huge body: delete provider (takes no body)", HttpMethod.Delete, ProviderById, c => $"{Providers}/{P(c)}", HttpStatusCode.RequestEntityTooLarge, "payload_too_large",
            Setup.Provider, () => HugeBody());
        Add("deeply nested JSON: connect, 10,000 arrays", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.BadRequest,
            body: () => JsonBody("""{"name":""" + new string('[', 10_000) + new string(']', 10_000) + "}"));
        Add("deeply nested JSON: update, 10,000 objects", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        Add("deeply nested JSON: import, 10,000 arrays", HttpMethod.Post, ImportNumbers, c => $"{TwilioProviders}/{P(c)}/import-numbers", HttpStatusCode.BadRequest, setup: Setup.Provider,
            body: () => JsonBody("""{"phoneNumberSids":""" + new string('[', 10_000) + new string(']', 10_000) + "}"));

        // --- Wrong content types.
        var connectBody = """{"accountSid":"AC0123456789abcdef0123456789abcdef","authToken":"0123456789abcdef0123456789abcdef"}""";
        Add("content type text/plain: connect", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.UnsupportedMediaType,
            body: () => new StringContent(connectBody, Encoding.UTF8, "text/plain"));
        Add("content type application/xml: connect", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.UnsupportedMediaType,
            body: () => new StringContent("<provider><accountSid>AC0123456789abcdef0123456789abcdef</accountSid></provider>", Encoding.UTF8, "application/xml"));
        Add("content type form-urlencoded: connect", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.UnsupportedMediaType,
            body: () => new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["accountSid"] = "AC0123456789abcdef0123456789abcdef",
                ["authToken"] = "0123456789abcdef0123456789abcdef",
            }));
        Add("no content type with a body: connect", HttpMethod.Post, TwilioProviders, _ => TwilioProviders, HttpStatusCode.UnsupportedMediaType,
            body: () => new ByteArrayContent(Encoding.UTF8.GetBytes(connectBody)));
        Add("content type text/plain: update", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.UnsupportedMediaType, setup: Setup.Provider,
            body: () => new StringContent("""{"name":"Renamed"}""", Encoding.UTF8, "text/plain"));
        Add("content type application/xml: rotate", HttpMethod.Patch, AuthToken, c => $"{TwilioProviders}/{P(c)}/auth-token", HttpStatusCode.UnsupportedMediaType, setup: Setup.Provider,
            body: () => new StringContent("<authToken>0123456789abcdef0123456789abcdef</authToken>", Encoding.UTF8, "application/xml"));
        Add("content type form-urlencoded: import", HttpMethod.Post, ImportNumbers, c => $"{TwilioProviders}/{P(c)}/import-numbers", HttpStatusCode.UnsupportedMediaType, setup: Setup.Provider,
            body: () => new FormUrlEncodedContent(new Dictionary<string, string> { ["phoneNumberSids"] = "PN0123456789abcdef0123456789abcdef" }));
        Add("no content type with a body: rotate", HttpMethod.Patch, AuthToken, c => $"{TwilioProviders}/{P(c)}/auth-token", HttpStatusCode.UnsupportedMediaType, setup: Setup.Provider,
            body: () => new ByteArrayContent("""{"authToken":"0123456789abcdef0123456789abcdef"}"""u8.ToArray()));

        // --- Bad ids in routes.
        Add("bad id: get provider, not a UUID", HttpMethod.Get, ProviderById, _ => $"{Providers}/not-a-uuid", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: get provider, empty UUID", HttpMethod.Get, ProviderById, _ => $"{Providers}/{emptyGuid}", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: get provider, 1000-character segment", HttpMethod.Get, ProviderById, _ => $"{Providers}/{longSegment}", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: get provider, %00", HttpMethod.Get, ProviderById, _ => $"{Providers}/%00", HttpStatusCode.BadRequest, skipBecause: KestrelNulBug);
        Add("bad id: get twilio provider, not a UUID", HttpMethod.Get, TwilioProviderById, _ => $"{TwilioProviders}/not-a-uuid", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: get twilio provider, %00 inside a UUID", HttpMethod.Get, TwilioProviderById, _ => $"{TwilioProviders}/0000%0000-0000-0000-0000-000000000000", HttpStatusCode.BadRequest, skipBecause: KestrelNulBug);
        Add("bad id: update, not a UUID", HttpMethod.Put, TwilioProviderById, _ => $"{TwilioProviders}/not-a-uuid", HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody("""{"name":"Renamed"}"""));
        Add("bad id: update, empty UUID", HttpMethod.Put, TwilioProviderById, _ => $"{TwilioProviders}/{emptyGuid}", HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody("""{"name":"Renamed"}"""));
        Add("bad id: rotate, 1000-character segment", HttpMethod.Patch, AuthToken, _ => $"{TwilioProviders}/{longSegment}/auth-token", HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody("""{"authToken":"0123456789abcdef0123456789abcdef"}"""));
        Add("bad id: delete provider, not a UUID", HttpMethod.Delete, ProviderById, _ => $"{Providers}/not-a-uuid", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: delete provider, empty UUID", HttpMethod.Delete, ProviderById, _ => $"{Providers}/{emptyGuid}", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: verify, not a UUID", HttpMethod.Post, VerifyProvider, _ => $"{Providers}/twilio/not-a-uuid/verify", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: verify, %00", HttpMethod.Post, VerifyProvider, _ => $"{Providers}/twilio/%00/verify", HttpStatusCode.BadRequest, skipBecause: KestrelNulBug);
        Add("bad id: available numbers, not a UUID", HttpMethod.Get, AvailableNumbers, _ => $"{TwilioProviders}/not-a-uuid/available-numbers", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: import, empty UUID", HttpMethod.Post, ImportNumbers, _ => $"{TwilioProviders}/{emptyGuid}/import-numbers", HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody("""{"phoneNumberSids":["PN0123456789abcdef0123456789abcdef"]}"""));
        Add("bad id: import, not a UUID", HttpMethod.Post, ImportNumbers, _ => $"{TwilioProviders}/not-a-uuid/import-numbers", HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody("""{"phoneNumberSids":["PN0123456789abcdef0123456789abcdef"]}"""));
        Add("bad id: provider numbers, 1000-character segment", HttpMethod.Get, ProviderNumbers, _ => $"{TwilioProviders}/{longSegment}/phone-numbers", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: remove number, phoneNumberId not a UUID", HttpMethod.Delete, ProviderNumberById, c => $"{TwilioProviders}/{P(c)}/phone-numbers/not-a-uuid",
            HttpStatusCode.BadRequest, "validation_failed", Setup.ProviderWithNumber);
        Add("bad id: remove number, provider id not a UUID", HttpMethod.Delete, ProviderNumberById, c => $"{TwilioProviders}/not-a-uuid/phone-numbers/{N(c)}",
            HttpStatusCode.BadRequest, "validation_failed", Setup.ProviderWithNumber);
        Add("bad id: remove number, empty phoneNumberId", HttpMethod.Delete, ProviderNumberById, c => $"{TwilioProviders}/{P(c)}/phone-numbers/{emptyGuid}",
            HttpStatusCode.BadRequest, "validation_failed", Setup.ProviderWithNumber);
        Add("bad id: get phone number, not a UUID", HttpMethod.Get, PhoneNumberById, _ => $"{PhoneNumbers}/not-a-uuid", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: get phone number, 1000-character segment", HttpMethod.Get, PhoneNumberById, _ => $"{PhoneNumbers}/{longSegment}", HttpStatusCode.BadRequest, "validation_failed");

        // --- Bad query values.
        Add("bad query: list providers, skip=-1", HttpMethod.Get, Providers, _ => $"{Providers}?skip=-1", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: list providers, take=0", HttpMethod.Get, Providers, _ => $"{Providers}?take=0", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: list providers, take=100000", HttpMethod.Get, Providers, _ => $"{Providers}?take=100000", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: list providers, take=abc", HttpMethod.Get, Providers, _ => $"{Providers}?take=abc", HttpStatusCode.BadRequest);
        Add("bad query: list providers, skip beyond int", HttpMethod.Get, Providers, _ => $"{Providers}?skip=99999999999999999999", HttpStatusCode.BadRequest);
        Add("bad query: list providers, unknown providerType", HttpMethod.Get, Providers, _ => $"{Providers}?providerType=vonage", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: list providers, bad verificationStatus", HttpMethod.Get, Providers, _ => $"{Providers}?verificationStatus=great", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: list phone numbers, skip=-1", HttpMethod.Get, PhoneNumbers, _ => $"{PhoneNumbers}?skip=-1", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: list phone numbers, take=100000", HttpMethod.Get, PhoneNumbers, _ => $"{PhoneNumbers}?take=100000", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: list phone numbers, providerId not a UUID", HttpMethod.Get, PhoneNumbers, _ => $"{PhoneNumbers}?providerId=not-a-uuid", HttpStatusCode.BadRequest);
        Add("bad query: audit events, skip=-1", HttpMethod.Get, AuditEvents, _ => $"{AuditEvents}?skip=-1", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: audit events, take=0", HttpMethod.Get, AuditEvents, _ => $"{AuditEvents}?take=0", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: audit events, take=100000", HttpMethod.Get, AuditEvents, _ => $"{AuditEvents}?take=100000", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: audit events, providerId not a UUID", HttpMethod.Get, AuditEvents, _ => $"{AuditEvents}?providerId=not-a-uuid", HttpStatusCode.BadRequest);
        Add("bad query: audit events, unknown action", HttpMethod.Get, AuditEvents, _ => $"{AuditEvents}?action=provider.renamed", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: audit events, unknown outcome", HttpMethod.Get, AuditEvents, _ => $"{AuditEvents}?outcome=maybe", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: audit events, from after to", HttpMethod.Get, AuditEvents, _ => $"{AuditEvents}?from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z",
            HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: audit events, from not a date", HttpMethod.Get, AuditEvents, _ => $"{AuditEvents}?from=yesterday", HttpStatusCode.BadRequest);
        Add("bad query: provider audit events, take=0", HttpMethod.Get, ProviderAuditEvents, c => $"{Providers}/twilio/{P(c)}/audit-events?take=0",
            HttpStatusCode.BadRequest, "validation_failed", Setup.Provider);
        Add("bad query: provider audit events, control character in action", HttpMethod.Get, ProviderAuditEvents, c => $"{Providers}/twilio/{P(c)}/audit-events?action=provider.%0Adeleted",
            HttpStatusCode.BadRequest, "validation_failed", Setup.Provider);
        Add("bad id: provider audit events, not a UUID", HttpMethod.Get, ProviderAuditEvents, _ => $"{Providers}/twilio/not-a-uuid/audit-events", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad query: available numbers, skip=-1", HttpMethod.Get, AvailableNumbers, c => $"{TwilioProviders}/{P(c)}/available-numbers?skip=-1",
            HttpStatusCode.BadRequest, "validation_failed", Setup.Provider);
        Add("bad query: available numbers, take=0", HttpMethod.Get, AvailableNumbers, c => $"{TwilioProviders}/{P(c)}/available-numbers?take=0",
            HttpStatusCode.BadRequest, "validation_failed", Setup.Provider);
        Add("bad query: available numbers, take=abc", HttpMethod.Get, AvailableNumbers, c => $"{TwilioProviders}/{P(c)}/available-numbers?take=abc",
            HttpStatusCode.BadRequest, setup: Setup.Provider);
        Add("bad query: provider numbers, take=100000", HttpMethod.Get, ProviderNumbers, c => $"{TwilioProviders}/{P(c)}/phone-numbers?take=100000",
            HttpStatusCode.BadRequest, "validation_failed", Setup.ProviderWithNumber);
        Add("bad query: provider numbers, skip=abc", HttpMethod.Get, ProviderNumbers, c => $"{TwilioProviders}/{P(c)}/phone-numbers?skip=abc",
            HttpStatusCode.BadRequest, setup: Setup.ProviderWithNumber);
        Add("bad query: remove number, force=maybe", HttpMethod.Delete, ProviderNumberById, c => $"{TwilioProviders}/{P(c)}/phone-numbers/{N(c)}?force=maybe",
            HttpStatusCode.BadRequest, setup: Setup.ProviderWithNumber);

        // --- SIP credential rotation: takes no body; a stale If-Match is not bad input (412 is decided elsewhere).
        Add("huge body: rotate SIP credential (takes no body)", HttpMethod.Post, RotateSipCredential, c => $"{TwilioProviders}/{P(c)}/sip-credential/rotate",
            HttpStatusCode.RequestEntityTooLarge, "payload_too_large", Setup.Provider, () => HugeBody());
        Add("bad id: rotate SIP credential, not a UUID", HttpMethod.Post, RotateSipCredential, _ => $"{TwilioProviders}/not-a-uuid/sip-credential/rotate",
            HttpStatusCode.BadRequest, "validation_failed");

        // --- Managed Auth Token rotations (issue 20): the acknowledgement, the ranges, the ids, the bodies.
        Add("missing acknowledgement: start rotation", HttpMethod.Post, Rotations, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody("""{"propagationDelaySeconds":60}"""));
        Add("acknowledgement false: start rotation", HttpMethod.Post, Rotations, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody("""{"acknowledgeOtherSystemsLoseAccess":false}"""));
        Add("wrong type: start rotation, string for the acknowledgement", HttpMethod.Post, Rotations, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations",
            HttpStatusCode.BadRequest, setup: Setup.Provider, body: () => JsonBody("""{"acknowledgeOtherSystemsLoseAccess":"yes"}"""));
        Add("out of range: start rotation, propagationDelaySeconds 301", HttpMethod.Post, Rotations, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations",
            HttpStatusCode.BadRequest, "validation_failed", Setup.Provider, () => JsonBody("""{"propagationDelaySeconds":301,"acknowledgeOtherSystemsLoseAccess":true}"""));
        Add("unknown field: start rotation", HttpMethod.Post, Rotations, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody("""{"acknowledgeOtherSystemsLoseAccess":true,"delaySeconds":5}"""));
        Add("unknown field: set rotation policy", HttpMethod.Put, RotationPolicy, c => $"{TwilioProviders}/{P(c)}/auth-token/rotation-policy", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody("""{"enabled":true,"interval":30}"""));
        Add("malformed JSON: start rotation", HttpMethod.Post, Rotations, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations", HttpStatusCode.BadRequest,
            setup: Setup.Provider, body: () => JsonBody("{"));
        Add("huge body: start rotation", HttpMethod.Post, Rotations, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations", HttpStatusCode.RequestEntityTooLarge,
            "payload_too_large", Setup.Provider, () => HugeBody());
        Add("bad query: list rotations, take=0", HttpMethod.Get, Rotations, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations?take=0", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider);
        Add("bad id: get rotation, not a UUID", HttpMethod.Get, RotationById, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations/not-a-uuid", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider);
        Add("bad id: cancel rotation, the empty UUID", HttpMethod.Delete, RotationById, c => $"{TwilioProviders}/{P(c)}/auth-token/rotations/{emptyGuid}",
            HttpStatusCode.BadRequest, "validation_failed", Setup.Provider);
        Add("missing enabled: set rotation policy", HttpMethod.Put, RotationPolicy, c => $"{TwilioProviders}/{P(c)}/auth-token/rotation-policy", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody("""{"intervalDays":30}"""));
        Add("out of range: set rotation policy, intervalDays 366", HttpMethod.Put, RotationPolicy, c => $"{TwilioProviders}/{P(c)}/auth-token/rotation-policy",
            HttpStatusCode.BadRequest, "validation_failed", Setup.Provider, () => JsonBody("""{"enabled":true,"intervalDays":366}"""));
        Add("wrong type: set rotation policy, array for the body", HttpMethod.Put, RotationPolicy, c => $"{TwilioProviders}/{P(c)}/auth-token/rotation-policy",
            HttpStatusCode.BadRequest, setup: Setup.Provider, body: () => JsonBody("""[{"enabled":true}]"""));

        // --- Drift repair and the organization's provider settings (issue 21): the query, the bodies, the ids, the values.
        Add("bad query: repair, dryRun=maybe", HttpMethod.Post, RepairProvider, c => $"{Providers}/twilio/{P(c)}/repair?dryRun=maybe", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider);
        Add("body in a dry run: repair", HttpMethod.Post, RepairProvider, c => $"{Providers}/twilio/{P(c)}/repair?dryRun=true", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody("""{"allowDisruptive":true}"""));
        Add("unknown field: repair", HttpMethod.Post, RepairProvider, c => $"{Providers}/twilio/{P(c)}/repair", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody("""{"allowDisruptive":true,"force":true}"""));
        Add("wrong type: repair, string for allowDisruptive", HttpMethod.Post, RepairProvider, c => $"{Providers}/twilio/{P(c)}/repair", HttpStatusCode.BadRequest,
            setup: Setup.Provider, body: () => JsonBody("""{"allowDisruptive":"yes"}"""));
        Add("wrong value: repair, the empty planId", HttpMethod.Post, RepairProvider, c => $"{Providers}/twilio/{P(c)}/repair", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody($$"""{"planId":"{{emptyGuid}}"}"""));
        Add("malformed JSON: repair", HttpMethod.Post, RepairProvider, c => $"{Providers}/twilio/{P(c)}/repair", HttpStatusCode.BadRequest,
            setup: Setup.Provider, body: () => JsonBody("""{"planId":"""));
        Add("huge body: repair", HttpMethod.Post, RepairProvider, c => $"{Providers}/twilio/{P(c)}/repair", HttpStatusCode.RequestEntityTooLarge,
            "payload_too_large", Setup.Provider, () => HugeBody());
        Add("content type text/plain: repair", HttpMethod.Post, RepairProvider, c => $"{Providers}/twilio/{P(c)}/repair", HttpStatusCode.UnsupportedMediaType,
            setup: Setup.Provider, body: () => new StringContent("""{"allowDisruptive":true}""", Encoding.UTF8, "text/plain"));
        Add("bad id: repair, not a UUID", HttpMethod.Post, RepairProvider, _ => $"{Providers}/twilio/not-a-uuid/repair", HttpStatusCode.BadRequest, "validation_failed");
        Add("bad id: plan repair, empty UUID", HttpMethod.Post, RepairProvider, _ => $"{Providers}/twilio/{emptyGuid}/repair?dryRun=true", HttpStatusCode.BadRequest, "validation_failed");

        // --- The deprecated aliases (ADR-022) validate as their successors do.
        Add("bad id: deprecated verify, not a UUID", HttpMethod.Post, DeprecatedVerifyProvider, _ => $"{Providers}/not-a-uuid/verify", HttpStatusCode.BadRequest, "validation_failed");
        Add("huge body: deprecated verify", HttpMethod.Post, DeprecatedVerifyProvider, c => $"{Providers}/{P(c)}/verify", HttpStatusCode.RequestEntityTooLarge, "payload_too_large",
            Setup.Provider, () => HugeBody());
        Add("bad query: deprecated repair, dryRun=maybe", HttpMethod.Post, DeprecatedRepairProvider, c => $"{Providers}/{P(c)}/repair?dryRun=maybe", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider);
        Add("unknown field: deprecated repair", HttpMethod.Post, DeprecatedRepairProvider, c => $"{Providers}/{P(c)}/repair", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody("""{"allowDisruptive":true,"force":true}"""));
        Add("bad query: deprecated provider audit events, take=0", HttpMethod.Get, DeprecatedProviderAuditEvents, c => $"{Providers}/{P(c)}/audit-events?take=0",
            HttpStatusCode.BadRequest, "validation_failed", Setup.Provider);
        Add("bad id: deprecated provider audit events, empty UUID", HttpMethod.Get, DeprecatedProviderAuditEvents, _ => $"{Providers}/{emptyGuid}/audit-events", HttpStatusCode.BadRequest, "validation_failed");
        Add("unknown value: update provider settings", HttpMethod.Put, ProviderSettings, _ => ProviderSettings, HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody("""{"defaultAutoRepair":"sometimes"}"""));
        Add("missing field: update provider settings", HttpMethod.Put, ProviderSettings, _ => ProviderSettings, HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody("{}"));
        Add("unknown field: update provider settings", HttpMethod.Put, ProviderSettings, _ => ProviderSettings, HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody("""{"defaultAutoRepair":"safe","autoRepair":"all"}"""));
        Add("wrong type: update provider settings, array for the body", HttpMethod.Put, ProviderSettings, _ => ProviderSettings, HttpStatusCode.BadRequest,
            body: () => JsonBody("""[{"defaultAutoRepair":"safe"}]"""));
        Add("malformed JSON: update provider settings", HttpMethod.Put, ProviderSettings, _ => ProviderSettings, HttpStatusCode.BadRequest,
            body: () => JsonBody("""{"defaultAutoRepair":"""));
        Add("huge body: update provider settings", HttpMethod.Put, ProviderSettings, _ => ProviderSettings, HttpStatusCode.RequestEntityTooLarge, "payload_too_large",
            body: () => HugeBody());
        Add("content type application/xml: update provider settings", HttpMethod.Put, ProviderSettings, _ => ProviderSettings, HttpStatusCode.UnsupportedMediaType,
            body: () => new StringContent("<defaultAutoRepair>safe</defaultAutoRepair>", Encoding.UTF8, "application/xml"));
        Add("unknown value: update twilio provider, autoRepair", HttpMethod.Put, TwilioProviderById, c => $"{TwilioProviders}/{P(c)}", HttpStatusCode.BadRequest,
            "validation_failed", Setup.Provider, () => JsonBody("""{"autoRepair":"sometimes"}"""));

        // --- The internal API: service tokens only, every parameter checked and named.
        static string Route(Context c, string organization = OrgA) => $"/internal/v1/providers/{P(c)}/dial-out-route?organizationId={organization}";
        const string Resolve = ResolveInboundCall + "?calledNumber=%2B14155550101&routingKey=abcdefghijklmnopqrstuvwx";
        Add("no token: dial-out route", HttpMethod.Get, DialOutRoute, c => Route(c), HttpStatusCode.Unauthorized, "unauthorized", Setup.Provider, authorization: _ => null);
        Add("no token: resolve inbound call", HttpMethod.Get, ResolveInboundCall, _ => Resolve, HttpStatusCode.Unauthorized, "unauthorized", authorization: _ => null);
        Add("tenant token: dial-out route", HttpMethod.Get, DialOutRoute, c => Route(c), HttpStatusCode.Forbidden, "forbidden", Setup.Provider);
        Add("tenant token: resolve inbound call", HttpMethod.Get, ResolveInboundCall, _ => Resolve, HttpStatusCode.Forbidden, "forbidden");
        Add("service token without the scope: dial-out route", HttpMethod.Get, DialOutRoute, c => Route(c), HttpStatusCode.Forbidden, "forbidden", Setup.Provider,
            authorization: _ => Bearer(CallingTestHelpers.ServiceToken(scope: "voip-providers.read")));
        Add("service token for the tenants' audience: resolve inbound call", HttpMethod.Get, ResolveInboundCall, _ => Resolve, HttpStatusCode.Forbidden, "forbidden",
            authorization: _ => Bearer(CallingTestHelpers.ServiceToken(audience: VoipProvidersApiFactory.Audience)));
        Add("another organization: dial-out route", HttpMethod.Get, DialOutRoute, c => Route(c, OrgB), HttpStatusCode.NotFound, "not_found", Setup.Provider, authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("bad id: dial-out route", HttpMethod.Get, DialOutRoute, _ => $"/internal/v1/providers/x/dial-out-route?organizationId={OrgA}", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("missing organizationId: dial-out route", HttpMethod.Get, DialOutRoute, c => $"/internal/v1/providers/{P(c)}/dial-out-route", HttpStatusCode.BadRequest, "validation_failed",
            Setup.Provider, authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("control character in organizationId: dial-out route", HttpMethod.Get, DialOutRoute, c => $"/internal/v1/providers/{P(c)}/dial-out-route?organizationId=org%0Aacme",
            HttpStatusCode.BadRequest, "validation_failed", Setup.Provider, authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("malformed E.164: resolve inbound call", HttpMethod.Get, ResolveInboundCall, _ => ResolveInboundCall + "?calledNumber=4155550101&routingKey=abcdefghijklmnopqrstuvwx",
            HttpStatusCode.BadRequest, "validation_failed", authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("missing calledNumber: resolve inbound call", HttpMethod.Get, ResolveInboundCall, _ => ResolveInboundCall + "?routingKey=abcdefghijklmnopqrstuvwx",
            HttpStatusCode.BadRequest, "validation_failed", authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("control character in calledNumber: resolve inbound call", HttpMethod.Get, ResolveInboundCall, _ => ResolveInboundCall + "?calledNumber=%2B1415%005550101&routingKey=abcdefghijklmnopqrstuvwx",
            HttpStatusCode.BadRequest, "validation_failed", authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("malformed routing key: resolve inbound call", HttpMethod.Get, ResolveInboundCall, _ => ResolveInboundCall + "?calledNumber=%2B14155550101&routingKey=ABC%20DEF",
            HttpStatusCode.BadRequest, "validation_failed", authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("malformed accountSid: resolve inbound call", HttpMethod.Get, ResolveInboundCall, _ => ResolveInboundCall + "?calledNumber=%2B14155550101&accountSid=AC123",
            HttpStatusCode.BadRequest, "validation_failed", authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("neither key: resolve inbound call", HttpMethod.Get, ResolveInboundCall, _ => ResolveInboundCall + "?calledNumber=%2B14155550101",
            HttpStatusCode.BadRequest, "validation_failed", authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));

        // --- The operator's side of event delivery: service tokens with the operations scope only, every parameter checked and named.
        static string Operator() => Bearer(CallingTestHelpers.ServiceToken(scope: "voip-providers.operations"));
        Add("no token: list parked deliveries", HttpMethod.Get, ParkedDeliveries, _ => ParkedDeliveries, HttpStatusCode.Unauthorized, "unauthorized", authorization: _ => null);
        Add("no token: retry parked deliveries", HttpMethod.Post, RetryParkedDeliveries, _ => RetryParkedDeliveries, HttpStatusCode.Unauthorized, "unauthorized",
            body: () => JsonBody("{}"), authorization: _ => null);
        Add("tenant token: list parked deliveries", HttpMethod.Get, ParkedDeliveries, _ => ParkedDeliveries, HttpStatusCode.Forbidden, "forbidden");
        Add("service token with the SIP scope only: retry parked deliveries", HttpMethod.Post, RetryParkedDeliveries, _ => RetryParkedDeliveries, HttpStatusCode.Forbidden, "forbidden",
            body: () => JsonBody("{}"), authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("take 0: list parked deliveries", HttpMethod.Get, ParkedDeliveries, _ => ParkedDeliveries + "?take=0", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Operator());
        Add("take over 500: list parked deliveries", HttpMethod.Get, ParkedDeliveries, _ => ParkedDeliveries + "?take=501", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Operator());
        Add("empty eventId: retry parked deliveries", HttpMethod.Post, RetryParkedDeliveries, _ => RetryParkedDeliveries, HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody($$"""{"eventId":"{{Guid.Empty}}"}"""), authorization: _ => Operator());
        Add("control character in handler: retry parked deliveries", HttpMethod.Post, RetryParkedDeliveries, _ => RetryParkedDeliveries, HttpStatusCode.BadRequest, "validation_failed",
            body: () => JsonBody("""{"handler":"Agents.\nHandler"}"""), authorization: _ => Operator());

        // --- The operator's view of stuck background work: the same scope, every parameter checked and named.
        const string Cleanups = BackgroundWork + "/abandoned-cleanups";
        string RetryPath(Context _) => $"{Cleanups}/{Guid.CreateVersion7()}/retry";
        Add("no token: background work", HttpMethod.Get, BackgroundWork, _ => BackgroundWork, HttpStatusCode.Unauthorized, "unauthorized", authorization: _ => null);
        Add("tenant token: background work", HttpMethod.Get, BackgroundWork, _ => BackgroundWork, HttpStatusCode.Forbidden, "forbidden");
        Add("service token with the SIP scope only: background work", HttpMethod.Get, BackgroundWork, _ => BackgroundWork, HttpStatusCode.Forbidden, "forbidden",
            authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("no token: list background work", HttpMethod.Get, BackgroundWorkList, _ => Cleanups, HttpStatusCode.Unauthorized, "unauthorized", authorization: _ => null);
        Add("service token with the SIP scope only: list background work", HttpMethod.Get, BackgroundWorkList, _ => Cleanups, HttpStatusCode.Forbidden, "forbidden",
            authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("unknown category: list background work", HttpMethod.Get, BackgroundWorkList, _ => BackgroundWork + "/everything", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Operator());
        Add("take 0: list background work", HttpMethod.Get, BackgroundWorkList, _ => Cleanups + "?take=0", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Operator());
        Add("take over 1000: list background work", HttpMethod.Get, BackgroundWorkList, _ => Cleanups + "?take=1001", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Operator());
        Add("negative skip: list background work", HttpMethod.Get, BackgroundWorkList, _ => Cleanups + "?skip=-1", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Operator());
        Add("non-numeric take: list background work", HttpMethod.Get, BackgroundWorkList, _ => Cleanups + "?take=ten", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Operator());
        Add("no token: retry abandoned clean-up", HttpMethod.Post, RetryAbandonedCleanup, RetryPath, HttpStatusCode.Unauthorized, "unauthorized", authorization: _ => null);
        Add("tenant token: retry abandoned clean-up", HttpMethod.Post, RetryAbandonedCleanup, RetryPath, HttpStatusCode.Forbidden, "forbidden");
        Add("service token with the SIP scope only: retry abandoned clean-up", HttpMethod.Post, RetryAbandonedCleanup, RetryPath, HttpStatusCode.Forbidden, "forbidden",
            authorization: _ => Bearer(CallingTestHelpers.ServiceToken()));
        Add("bad id: retry abandoned clean-up", HttpMethod.Post, RetryAbandonedCleanup, _ => $"{Cleanups}/x/retry", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Operator());
        Add("empty id: retry abandoned clean-up", HttpMethod.Post, RetryAbandonedCleanup, _ => $"{Cleanups}/{Guid.Empty}/retry", HttpStatusCode.BadRequest, "validation_failed",
            authorization: _ => Operator());
        Add("unknown id: retry abandoned clean-up", HttpMethod.Post, RetryAbandonedCleanup, RetryPath, HttpStatusCode.NotFound, "not_found",
            authorization: _ => Operator());

        // --- Routes and methods that do not exist.
        Add("unknown route", HttpMethod.Get, NoEndpoint, _ => "/api/v1/providers/twilio/x/y/z/w", HttpStatusCode.NotFound);
        Add("method not allowed: PATCH a provider", HttpMethod.Patch, NoEndpoint, c => $"{Providers}/{P(c)}", HttpStatusCode.MethodNotAllowed, "method_not_allowed",
            Setup.Provider, () => JsonBody("""{"name":"Renamed"}"""));

        return cases;
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A well-formed JSON body just over the cap.</summary>
    private static StringContent HugeBody() => JsonBody($$"""{"name":"{{new string('n', BodyLimit + 1024)}}"}""");

    private static string Member => IntegrationFixture.TokenFor(OrgA);

    private static string Foreign => IntegrationFixture.TokenFor(OrgB);

    private static string Bearer(string token) => "Bearer " + token;

    private static string Token(string? signingKey = null, string? audience = null, string? issuer = null) =>
        DevTokenIssuer.Issue(
            new AuthOptions
            {
                Issuer = issuer ?? VoipProvidersApiFactory.Issuer,
                Audience = audience ?? VoipProvidersApiFactory.Audience,
                SigningKey = signingKey ?? VoipProvidersApiFactory.SigningKey,
            },
            OrgA,
            TimeSpan.FromMinutes(30),
            TimeProvider.System);

    private static string UnsignedToken(string organizationId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64Url(
            $$"""{"sub":"tester","org_id":"{{organizationId}}","iss":"{{VoipProvidersApiFactory.Issuer}}","aud":"{{VoipProvidersApiFactory.Audience}}","nbf":{{now - 60}},"exp":{{now + 600}}}""");
        return $"{header}.{payload}.";
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private enum Setup
    {
        None,
        Provider,
        ProviderWithNumber,
    }

    private sealed record Context(Guid? ProviderId, Guid? PhoneNumberId);

    private sealed record Case(
        string Name,
        HttpMethod Method,
        string Template,
        Func<Context, string> Path,
        HttpStatusCode Status,
        string? Code,
        Setup Setup,
        Func<HttpContent?>? Body,
        Func<Context, string?> Authorization)
    {
        /// <summary>Set for a case that reproduces a known product bug, with the bug as the reason.</summary>
        public string? SkipBecause { get; init; }

        public override string ToString() => Name;
    }
}
