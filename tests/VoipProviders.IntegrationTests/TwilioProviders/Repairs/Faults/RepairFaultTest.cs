using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.TwilioProviders.Repairs.Faults;

/// <summary>
/// Base of the repair fault, crash and auto-repair tests: drift made in "the Twilio Console", repairs over the API, and
/// the two things a tenant must always find afterwards — nothing in their Twilio account that the module made and the
/// provider does not reference, and a provider row with no create left announced and no repair holding it.
/// </summary>
public abstract class RepairFaultTest(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    public const string RecreateTrunk = "recreate_trunk";
    public const string CreateCredentialList = "create_credential_list";
    public const string AssociateCredentialList = "associate_credential_list";
    public const string CreateSipCredential = "create_sip_credential";
    public const string CreateOriginationUrl = "create_origination_url";
    public const string ReattachPhoneNumber = "reattach_phone_number";
    public const string SetTransferMode = "set_transfer_mode";

    public const string Applied = "applied";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    /// <summary>The job that deletes what a stopped repair announced and did not record.</summary>
    public const string SettleJob = "settle-repair-creates";

    public const string AutoRepairJob = "repair-provider-automatically";

    /// <summary>POST …/repair; answers the status and the body.</summary>
    protected static async Task<(HttpStatusCode Status, JsonElement Body)> RepairAsync(HttpClient client, Guid providerId, bool allowDisruptive = false)
    {
        using var response = await client.PostAsJsonAsync($"{TwilioProvidersPath}/{providerId}/repair", new { allowDisruptive }, Json);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Applies a repair that must answer 200 and returns its body.</summary>
    protected static async Task<JsonElement> RepairOkAsync(HttpClient client, Guid providerId, bool allowDisruptive = false)
    {
        var (status, body) = await RepairAsync(client, providerId, allowDisruptive);
        status.Should().Be(HttpStatusCode.OK, body.ToString());
        return body;
    }

    /// <summary>The outcome of every action of an applied repair, as "action target" → outcome.</summary>
    protected static IReadOnlyDictionary<string, string> OutcomesOf(JsonElement repair) =>
        repair.GetProperty("results").EnumerateArray().ToDictionary(
            r => $"{r.GetProperty("action").GetString()} {r.GetProperty("target").GetString()}",
            r => r.GetProperty("outcome").GetString()!);

    /// <summary>The verification status an applied repair answered with (null when it was inconclusive).</summary>
    protected static string? VerificationStatusOf(JsonElement repair) =>
        repair.GetProperty("verification") is { ValueKind: JsonValueKind.Object } verification ? verification.GetProperty("status").GetString() : null;

    /// <summary>The provider as GET answers it.</summary>
    protected async Task<JsonElement> GetAsync(Guid providerId)
    {
        using var response = await GetTwilioProviderAsync(providerId);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await ReadJsonAsync(response);
    }

    /// <summary>Numbers bought in the account, imported into the provider (attached to its trunk); their SIDs in order.</summary>
    protected async Task<IReadOnlyList<string>> ImportNumbersAsync(Guid providerId, EmulatedAccount account, int count)
    {
        var sids = Enumerable.Range(1, count)
            .Select(i => Twilio.AddIncomingPhoneNumber(account.Sid, $"+1415555{i:D4}").Sid)
            .Order(StringComparer.Ordinal)
            .ToArray();
        await ImportAllAsync(providerId, sids);
        return sids;
    }

    protected static string CredentialListPath(EmulatedAccount account, string listSid) =>
        $"/2010-04-01/Accounts/{account.Sid}/SIP/CredentialLists/{listSid}.json";

    protected Task DeleteTrunkInConsoleAsync(EmulatedAccount account) =>
        DeleteInTwilioConsoleAsync(account, $"/v1/Trunks/{Twilio.TrunkOf(account).Sid}");

    protected Task DeleteCredentialListInConsoleAsync(EmulatedAccount account) =>
        DeleteInTwilioConsoleAsync(account, CredentialListPath(account, Twilio.CredentialListOf(account).Sid));

    protected Task DeleteSipCredentialInConsoleAsync(EmulatedAccount account)
    {
        var list = Twilio.CredentialListOf(account);
        return DeleteInTwilioConsoleAsync(account, $"/2010-04-01/Accounts/{account.Sid}/SIP/CredentialLists/{list.Sid}/Credentials/{list.Credentials.Single().Sid}.json");
    }

    protected Task DeleteOriginationUrlInConsoleAsync(EmulatedAccount account)
    {
        var trunk = Twilio.TrunkOf(account);
        return DeleteInTwilioConsoleAsync(account, $"/v1/Trunks/{trunk.Sid}/OriginationUrls/{trunk.OriginationUrls.Single().Sid}");
    }

    protected Task DetachNumberInConsoleAsync(EmulatedAccount account, string phoneNumberSid) =>
        DeleteInTwilioConsoleAsync(account, $"/v1/Trunks/{Twilio.TrunkOf(account).Sid}/PhoneNumbers/{phoneNumberSid}");

    protected Task SetTransferModeInConsoleAsync(EmulatedAccount account, string transferMode) =>
        TwilioConsoleAsync(account, HttpMethod.Post, $"/v1/Trunks/{Twilio.TrunkOf(account).Sid}", new Dictionary<string, string> { ["TransferMode"] = transferMode });

    /// <summary>
    /// Nothing in the account that the provider does not reference: no trunk but its trunk, no credential list but its
    /// list, no SIP credential but its current one, no origination URL on its trunk that it has not stored — but, when
    /// <paramref name="adoptable"/>, one whose create's answer was lost: it carries the module's name, and the next repair
    /// adopts it instead of creating another.
    /// </summary>
    protected async Task AssertNoOrphanAsync(EmulatedAccount account, Guid providerId, string because, bool adoptable = false)
    {
        var trunkSid = await Database.ColumnAsync(providerId, "trunk_sid");
        var listSid = await Database.ColumnAsync(providerId, "credential_list_sid");
        var username = await Database.ColumnAsync(providerId, "sip_username");
        var storedUrls = JsonDocument.Parse((await Database.ColumnAsync(providerId, "origination_urls"))!).RootElement
            .EnumerateArray().Select(u => u.GetProperty("sid").GetString()).ToList();

        var trunks = Twilio.Trunks.Where(t => t.AccountSid == account.Sid).ToList();
        var lists = Twilio.CredentialLists.Where(l => l.AccountSid == account.Sid).ToList();
        trunks.Select(t => t.Sid).Should().BeSubsetOf([trunkSid!], $"no trunk is left that the provider does not reference ({because})");
        lists.Select(l => l.Sid).Should().BeSubsetOf([listSid!], $"no credential list is left that the provider does not reference ({because})");
        lists.SelectMany(l => l.Credentials).Select(c => c.Username).Should()
            .BeSubsetOf([username!], $"no SIP credential is left but the provider's ({because})");
        trunks.SelectMany(t => t.OriginationUrls)
            .Where(u => !adoptable || !u.FriendlyName.StartsWith(CallingTestHelpers.OurFriendlyNamePrefix, StringComparison.Ordinal))
            .Select(u => u.Sid).Should()
            .BeSubsetOf(storedUrls, $"every origination URL on the trunk is one the provider stored ({because})");
    }

    /// <summary>No create announced and unsettled, and no repair holding the provider.</summary>
    protected async Task AssertSettledAsync(Guid providerId, string because)
    {
        (await Database.ColumnAsync(providerId, "pending_repair_trunk_domain_name")).Should().BeNull($"no trunk create is left announced ({because})");
        (await Database.ColumnAsync(providerId, "pending_repair_credential_list_name")).Should().BeNull($"no credential list create is left announced ({because})");
        (await Database.ColumnAsync(providerId, "repair_run_id")).Should().BeNull($"the repair let the provider go ({because})");
    }

    /// <summary>
    /// The end every repair story must reach: one trunk, one credential list with one credential and one origination URL
    /// of ours, all the provider's, and a verification that passes.
    /// </summary>
    protected async Task AssertWholeAsync(EmulatedAccount account, Guid providerId, JsonElement lastRepair, string because)
    {
        VerificationStatusOf(lastRepair).Should().Be("verified", $"{because}: {lastRepair}");
        Twilio.Trunks.Where(t => t.AccountSid == account.Sid).Should().ContainSingle(because)
            .Which.OriginationUrls.Should().ContainSingle(because);
        Twilio.CredentialLists.Where(l => l.AccountSid == account.Sid).Should().ContainSingle(because)
            .Which.Credentials.Should().ContainSingle(because);
        await AssertNoOrphanAsync(account, providerId, because);
        await AssertSettledAsync(providerId, because);
    }
}
