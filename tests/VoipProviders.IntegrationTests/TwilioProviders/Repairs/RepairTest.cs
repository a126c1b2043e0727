using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoipProviders.IntegrationTests.Auditing;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs;

/// <summary>
/// Base of the drift-repair API tests (issue 21): providers connected against emulated accounts, drift made behind the
/// module's back in "the Twilio Console", and POST /api/v1/providers/twilio/{id}/repair (dry run and apply) read as a tenant reads it.
/// </summary>
public abstract class RepairTest(IntegrationFixture fixture) : AuditTest(fixture)
{
    public const string RecreateTrunk = "recreate_trunk";
    public const string SetDomainName = "set_domain_name";
    public const string SetTransferMode = "set_transfer_mode";
    public const string SetSecure = "set_secure";
    public const string CreateCredentialList = "create_credential_list";
    public const string AssociateCredentialList = "associate_credential_list";
    public const string CreateSipCredential = "create_sip_credential";
    public const string CreateOriginationUrl = "create_origination_url";
    public const string UpdateOriginationUrl = "update_origination_url";
    public const string ReattachPhoneNumber = "reattach_phone_number";
    public const string Manual = "manual";

    public const string Applied = "applied";
    public const string Skipped = "skipped";

    private int _nextNumber = 100;

    protected static string RepairPath(Guid providerId) => $"{TwilioProvidersPath}/{providerId}/repair";

    /// <summary>POST …/repair with an optional query (e.g. "?dryRun=true"), JSON body and If-Match.</summary>
    protected async Task<HttpResponseMessage> RepairAsync(
        Guid providerId,
        object? body = null,
        string query = "",
        string organizationId = OrgA,
        string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RepairPath(providerId) + query);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await ClientFor(organizationId).SendAsync(request);
    }

    /// <summary>The dry run (?dryRun=true), which must answer 200: the plan.</summary>
    protected Task<JsonElement> PlanAsync(Guid providerId, string organizationId = OrgA) =>
        OkAsync(RepairAsync(providerId, query: "?dryRun=true", organizationId: organizationId));

    /// <summary>An apply, which must answer 200: the plan with each action's outcome and the verification that followed.</summary>
    protected Task<JsonElement> ApplyAsync(Guid providerId, object? body = null, string organizationId = OrgA) =>
        OkAsync(RepairAsync(providerId, body, organizationId: organizationId));

    /// <summary>An apply of exactly <paramref name="plan"/> (its planId), which must answer 200.</summary>
    protected Task<JsonElement> ApplyPlanAsync(Guid providerId, JsonElement plan, bool allowDisruptive = false) =>
        ApplyAsync(providerId, PlanBody(plan, allowDisruptive));

    protected static Dictionary<string, object> PlanBody(JsonElement plan, bool allowDisruptive = false)
    {
        var body = new Dictionary<string, object> { ["planId"] = plan.GetProperty("planId").GetGuid() };
        if (allowDisruptive)
        {
            body["allowDisruptive"] = true;
        }

        return body;
    }

    protected Task<JsonElement> VerifyOkAsync(Guid providerId, string organizationId = OrgA) => ClientFor(organizationId).VerifyOkAsync(providerId);

    /// <summary>The provider as GET …/twilio/{id} answers it.</summary>
    protected Task<JsonElement> ReadProviderAsync(Guid providerId, string organizationId = OrgA) =>
        OkAsync(GetTwilioProviderAsync(providerId, organizationId));

    /// <summary>The version the provider's ETag names (<c>"{id:N}-{version}"</c>).</summary>
    protected async Task<long> VersionAsync(Guid providerId, string organizationId = OrgA)
    {
        var etag = await ETagOfAsync(providerId, organizationId);
        return long.Parse(etag.Trim('"').Split('-')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Each action of a plan (or of an applied repair) as (action, target), in order.</summary>
    protected static List<(string Action, string Target)> ActionsOf(JsonElement repair) =>
        [.. repair.GetProperty("actions").EnumerateArray().Select(a => (a.GetProperty("action").GetString()!, a.GetProperty("target").GetString()!))];

    /// <summary>Each result of an applied repair as (action, target, outcome), in order.</summary>
    protected static List<(string Action, string Target, string Outcome)> ResultsOf(JsonElement repair) =>
        [.. repair.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("action").GetString()!, r.GetProperty("target").GetString()!, r.GetProperty("outcome").GetString()!))];

    /// <summary>The one action of a plan with this name.</summary>
    protected static JsonElement ActionNamed(JsonElement plan, string action) =>
        plan.GetProperty("actions").EnumerateArray().Should().ContainSingle(a => a.GetProperty("action").GetString() == action).Subject;

    /// <summary>What the module sent to Twilio that is not a read, in order.</summary>
    protected IReadOnlyList<RecordedRequest> TwilioWrites() => [.. Twilio.Requests.Where(r => r.Method != "GET")];

    /// <summary>
    /// Connects a provider on a fresh emulated account (secure trunking when asked) with <paramref name="numbers"/>
    /// imported numbers; the emulator's request log is cleared afterwards.
    /// </summary>
    protected async Task<ConnectedProvider> ConnectProviderAsync(int numbers = 0, bool secureTrunking = false, string organizationId = OrgA)
    {
        var builder = NewProvider(organizationId);
        Guid id;
        if (secureTrunking)
        {
            var body = builder.Body();
            body["secureTrunking"] = true;
            using var created = await CreateProviderAsync(body, organizationId);
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            id = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
        }
        else
        {
            id = await builder.ConnectAsync();
        }

        var account = builder.Account;
        var phoneNumbers = Enumerable.Range(0, numbers)
            .Select(_ => Twilio.AddIncomingPhoneNumber(account.Sid, $"+1415555{(_nextNumber++).ToString("D4", CultureInfo.InvariantCulture)}"))
            .ToList();
        if (numbers > 0)
        {
            await ImportAllAsync(organizationId, id, [.. phoneNumbers.Select(n => n.Sid)]);
        }

        var trunk = Twilio.TrunkOf(account);
        var list = Twilio.CredentialListOf(account);
        var provider = await ReadProviderAsync(id, organizationId);
        Twilio.ClearRequests();
        return new ConnectedProvider(
            id,
            organizationId,
            account,
            trunk,
            list,
            list.Credentials.Should().ContainSingle().Subject,
            trunk.Ours().Should().ContainSingle().Subject,
            [.. phoneNumbers.Select(n => Twilio.PhoneNumbers.Single(p => p.Sid == n.Sid))],
            provider.GetProperty("terminationUri").GetString()!);
    }

    /// <summary>
    /// The whole round a tenant makes for one drift: the dry run must plan exactly <paramref name="expected"/> and change
    /// nothing (only reads in Twilio, the row not even written); applying that plan (by its planId) must apply each action,
    /// answer a passing verification and leave no repair holding the provider; and a later POST …/verify must pass.
    /// </summary>
    protected async Task<RepairRun> PlanAndRepairAsync(ConnectedProvider provider, params (string Action, string Target)[] expected)
    {
        var disruptive = expected.Any(a => a.Action == RecreateTrunk);
        var version = await VersionAsync(provider.Id);
        var rowBefore = await Database.ProviderRowSnapshotAsync(provider.Id);
        Twilio.ClearRequests();

        var plan = await PlanAsync(provider.Id);

        ActionsOf(plan).Should().Equal(expected, plan.ToString());
        plan.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        plan.GetProperty("basedOnVersion").GetInt64().Should().Be(version, "the plan names the version the provider's ETag names");
        plan.GetProperty("results").ValueKind.Should().Be(JsonValueKind.Null);
        plan.GetProperty("verification").ValueKind.Should().Be(JsonValueKind.Null);
        plan.GetProperty("actions").EnumerateArray().Should().AllSatisfy(a =>
        {
            a.GetProperty("reason").GetString().Should().NotBeNullOrWhiteSpace();
            a.GetProperty("disruptive").GetBoolean().Should().Be(a.GetProperty("action").GetString() == RecreateTrunk);
        });
        Twilio.Requests.Should().NotBeEmpty("the plan comes from a fresh look at the account")
            .And.OnlyContain(r => r.Method == "GET" && r.AuthUser == provider.Account.Sid, "a dry run only reads");
        (await Database.ProviderRowSnapshotAsync(provider.Id)).Should().Be(rowBefore, "a dry run does not even write the row");
        Twilio.ClearRequests();

        var applied = await ApplyPlanAsync(provider.Id, plan, disruptive);

        var writes = TwilioWrites();
        applied.GetProperty("planId").GetGuid().Should().Be(plan.GetProperty("planId").GetGuid());
        applied.GetProperty("dryRun").GetBoolean().Should().BeFalse();
        applied.GetProperty("actions").GetRawText().Should().Be(plan.GetProperty("actions").GetRawText(), "the plan applied is the plan shown");
        ResultsOf(applied).Should().Equal(expected.Select(a => (a.Action, a.Target, Applied)), applied.ToString());
        applied.GetProperty("results").EnumerateArray().Should().AllSatisfy(r => r.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null));
        applied.GetProperty("verificationError").ValueKind.Should().Be(JsonValueKind.Null);
        var verification = applied.GetProperty("verification");
        verification.GetProperty("status").GetString().Should().Be("verified", verification.ToString());
        verification.CheckStatuses().Should().OnlyContain(s => s == "passed");
        writes.Should().OnlyContain(w => w.AuthUser == provider.Account.Sid && w.Authenticated, "every change is made in the tenant's own account");
        (await Database.ColumnAsync(provider.Id, "repair_run_id")).Should().BeNull("the repair let the provider go");
        (await VersionAsync(provider.Id)).Should().BeGreaterThan(version, "a repair changes the provider: an ETag from before it no longer matches");
        Twilio.ClearRequests();

        (await VerifyOkAsync(provider.Id)).GetProperty("status").GetString().Should().Be("verified", "the repair holds for the next verification");
        Twilio.ClearRequests();
        return new RepairRun(plan, applied, writes);
    }

    // --- "The Twilio Console": drift made with the tenant's own credentials, behind the module's back.

    protected Task DeleteTrunkInConsoleAsync(ConnectedProvider p) => DeleteInTwilioConsoleAsync(p.Account, $"/v1/Trunks/{p.TrunkSid}");

    protected Task UpdateTrunkInConsoleAsync(ConnectedProvider p, string field, string value) =>
        TwilioConsoleAsync(p.Account, HttpMethod.Post, $"/v1/Trunks/{p.TrunkSid}", new Dictionary<string, string> { [field] = value });

    protected Task DeleteCredentialListInConsoleAsync(ConnectedProvider p) =>
        DeleteInTwilioConsoleAsync(p.Account, $"/2010-04-01/Accounts/{p.Account.Sid}/SIP/CredentialLists/{p.CredentialListSid}.json");

    protected Task DisassociateCredentialListInConsoleAsync(ConnectedProvider p) =>
        DeleteInTwilioConsoleAsync(p.Account, $"/v1/Trunks/{p.TrunkSid}/CredentialLists/{p.CredentialListSid}");

    protected Task DeleteSipCredentialInConsoleAsync(ConnectedProvider p) =>
        DeleteInTwilioConsoleAsync(p.Account, $"/2010-04-01/Accounts/{p.Account.Sid}/SIP/CredentialLists/{p.CredentialListSid}/Credentials/{p.SipCredential.Sid}.json");

    protected Task DeleteOriginationUrlInConsoleAsync(ConnectedProvider p) =>
        DeleteInTwilioConsoleAsync(p.Account, $"/v1/Trunks/{p.TrunkSid}/OriginationUrls/{p.OriginationUrl.Sid}");

    protected Task UpdateOriginationUrlInConsoleAsync(ConnectedProvider p, Dictionary<string, string> form) =>
        TwilioConsoleAsync(p.Account, HttpMethod.Post, $"/v1/Trunks/{p.TrunkSid}/OriginationUrls/{p.OriginationUrl.Sid}", form);

    protected Task DetachNumberInConsoleAsync(ConnectedProvider p, EmulatedPhoneNumber number) =>
        DeleteInTwilioConsoleAsync(p.Account, $"/v1/Trunks/{p.TrunkSid}/PhoneNumbers/{number.Sid}");

    protected Task ReleaseNumberInConsoleAsync(ConnectedProvider p, EmulatedPhoneNumber number) =>
        DeleteInTwilioConsoleAsync(p.Account, $"/2010-04-01/Accounts/{p.Account.Sid}/IncomingPhoneNumbers/{number.Sid}.json");

    /// <summary>The tenant's own trunk in the same account (not the module's): its SID.</summary>
    protected async Task<string> CreateTenantTrunkInConsoleAsync(ConnectedProvider p) =>
        (await TwilioConsoleAsync(p.Account, HttpMethod.Post, "/v1/Trunks", new Dictionary<string, string> { ["FriendlyName"] = "Tenant PBX" }))
        .GetProperty("sid").GetString()!;

    /// <summary>Moves <paramref name="number"/> from the module's trunk to <paramref name="tenantTrunkSid"/>.</summary>
    protected async Task MoveNumberInConsoleAsync(ConnectedProvider p, EmulatedPhoneNumber number, string tenantTrunkSid)
    {
        await DetachNumberInConsoleAsync(p, number);
        await TwilioConsoleAsync(p.Account, HttpMethod.Post, $"/v1/Trunks/{tenantTrunkSid}/PhoneNumbers", new Dictionary<string, string> { ["PhoneNumberSid"] = number.Sid });
    }

    /// <summary>An origination URL the tenant adds to the module's trunk, as good as the module's (priority 10): its SID.</summary>
    protected async Task<string> AddTenantOriginationUrlInConsoleAsync(ConnectedProvider p) =>
        (await TwilioConsoleAsync(p.Account, HttpMethod.Post, $"/v1/Trunks/{p.TrunkSid}/OriginationUrls", new Dictionary<string, string>
        {
            ["FriendlyName"] = "Tenant PBX",
            ["SipUrl"] = "sip:pbx.tenant.example.com",
            ["Priority"] = "10",
            ["Weight"] = "10",
            ["Enabled"] = "true",
        })).GetProperty("sid").GetString()!;

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
