using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace VoipProviders.LoadTests.Reference;

/// <summary>
/// The project's verification contract, done directly: one read (provider + imported numbers), the lease, the same
/// Twilio calls (account, trunk, then together the trunk's credential-list association and the list's credentials, the
/// trunk's origination URLs, and the trunk's numbers when any are imported), then the result stored under the version
/// that was checked and the lease ended in one statement. Twilio unavailable → 502/503 and nothing stored.
/// </summary>
internal sealed class ReferenceVerifier(ReferenceStore store, ReferenceTwilio twilio, ReferenceSecrets secrets, ReferenceOrigination origination)
{
    private const int MaxRuns = 3;
    private const int MaxSingleNumberFetches = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Lease = (Timeout * 2) + TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task<IResult> VerifyAsync(Guid id, string organizationId, CancellationToken cancellationToken)
    {
        var othersRan = false;
        for (var run = 1; run <= MaxRuns; run++)
        {
            var subject = await store.FindForVerificationAsync(id, organizationId, cancellationToken);
            if (subject is null)
            {
                return ReferenceProblems.NotFound("Provider", id);
            }

            var runId = Guid.CreateVersion7();
            var now = DateTimeOffset.UtcNow;
            othersRan = !await store.TryLeaseAsync(id, runId, now, now + Lease, cancellationToken);
            if (othersRan)
            {
                await WaitForLeaseAsync(id, cancellationToken);
                continue;
            }

            IReadOnlyList<ReferenceCheck> checks;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Timeout);
                checks = await RunChecksAsync(subject, timeout.Token);
            }
            catch (TwilioUnavailableException unavailable)
            {
                await store.ReleaseLeaseAsync(id, runId, CancellationToken.None);
                return ReferenceProblems.Twilio(unavailable);
            }
            catch
            {
                await store.ReleaseLeaseAsync(id, runId, CancellationToken.None);
                throw;
            }

            var status = checks.Any(c => c.Status == "failed") ? "failed" : checks.Any(c => c.Status == "warning") ? "warning" : "verified";
            var verifiedAt = Microseconds(DateTimeOffset.UtcNow);
            var next = Microseconds(verifiedAt + Interval + (Interval * (0.1 * Random.Shared.NextDouble())));
            if (await store.RecordVerificationAsync(id, subject.Version, runId, status, ReferenceJson.StoredChecks(checks), verifiedAt, next, CancellationToken.None))
            {
                return new JsonWriterResult(StatusCodes.Status200OK, null, writer => ReferenceJson.WriteVerification(writer, status, checks, verifiedAt));
            }
        }

        return othersRan
            ? ReferenceProblems.Conflict("verification_in_progress", "Other verifications of this provider kept it busy. Try again in a minute.")
            : ReferenceProblems.Conflict("provider_changed_during_verification", "The provider kept changing while it was being verified. Try again.");
    }

    private async Task WaitForLeaseAsync(Guid id, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Timeout + TimeSpan.FromSeconds(5));
        while (await store.IsLeasedAsync(id, DateTimeOffset.UtcNow, budget.Token))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), budget.Token);
        }
    }

    private async Task<IReadOnlyList<ReferenceCheck>> RunChecksAsync(VerificationSubject subject, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = secrets.UnprotectAuthToken(subject.Id, subject.ProtectedAuthToken);
        }
        catch (CryptographicException)
        {
            return CredentialsFailed(
                "The stored Auth Token can no longer be decrypted (the key that protected it is gone): rotate the Auth Token.",
                Facts(("accountSid", subject.AccountSid), ("reason", "stored_token_unreadable")));
        }

        var sid = subject.AccountSid;
        JsonElement? trunk;
        try
        {
            var account = await twilio.GetAsync(sid, token, $"2010-04-01/Accounts/{sid}.json", cancellationToken)
                ?? throw new TwilioRejectedException(404, null);
            var accountStatus = account.GetProperty("status").GetString() ?? "unknown";
            if (accountStatus != "active")
            {
                return CredentialsFailed(
                    $"The Twilio account is {accountStatus}: calls cannot be made until it is active again.",
                    Facts(("accountSid", sid), ("accountStatus", accountStatus)));
            }

            trunk = await twilio.GetAsync(sid, token, $"v1/Trunks/{subject.TrunkSid}", cancellationToken);
        }
        catch (TwilioRejectedException rejected)
        {
            return Rejected(subject, rejected);
        }

        var credentialsCheck = Check(
            "Credentials",
            "passed",
            "Twilio accepted the credentials; the account is active and may use Elastic SIP Trunking.",
            Facts(("accountSid", sid), ("accountStatus", "active")));
        var trunkCheck = CheckTrunk(subject, trunk);
        try
        {
            var credentialList = CheckCredentialListAsync(subject, token, cancellationToken);
            var originationUrls = CheckOriginationAsync(subject, token, trunk is not null, cancellationToken);
            var numbers = CheckPhoneNumbersAsync(subject, token, trunk is not null, cancellationToken);
            await Task.WhenAll(credentialList, originationUrls, numbers);
            return [credentialsCheck, trunkCheck, await credentialList, await originationUrls, await numbers];
        }
        catch (TwilioRejectedException rejected)
        {
            return Rejected(subject, rejected);
        }
    }

    private static ReferenceCheck CheckTrunk(VerificationSubject subject, JsonElement? trunk)
    {
        if (trunk is not { } found)
        {
            return Check("Trunk", "failed", "The Elastic SIP trunk no longer exists in the Twilio account: calls cannot be terminated.", Facts(("trunkSid", subject.TrunkSid)));
        }

        var trunkSid = found.GetProperty("sid").GetString();
        var domainName = found.GetProperty("domain_name").GetString();
        if (!string.Equals(domainName, subject.TrunkDomainName, StringComparison.OrdinalIgnoreCase))
        {
            return Check(
                "Trunk",
                "failed",
                "The trunk's termination domain differs from the one calls are sent to.",
                Facts(("trunkSid", trunkSid), ("expectedDomainName", subject.TrunkDomainName), ("actualDomainName", domainName)));
        }

        var transferMode = found.GetProperty("transfer_mode").GetString();
        var expected = subject.SupportsCallTransfer ? "enable-all" : "disable-all";
        if (!string.Equals(transferMode, expected, StringComparison.Ordinal))
        {
            return Check(
                "Trunk",
                "warning",
                subject.SupportsCallTransfer
                    ? "Call transfer is enabled for this provider but not on the trunk: transfers will fail."
                    : "The trunk allows call transfer although this provider has it turned off.",
                Facts(("trunkSid", trunkSid), ("expectedTransferMode", expected), ("actualTransferMode", transferMode)));
        }

        var secure = found.TryGetProperty("secure", out var secureFlag) && secureFlag.ValueKind == JsonValueKind.True;
        if (secure != subject.SecureTrunking)
        {
            return Check(
                "Trunk",
                "warning",
                subject.SecureTrunking
                    ? "Secure trunking is on for this provider but off on the trunk: calls are signalled and carried unencrypted."
                    : "The trunk requires secure trunking (TLS and SRTP) although this provider has it off: calls sent without TLS will fail.",
                Facts(("trunkSid", trunkSid), ("expectedSecure", subject.SecureTrunking), ("actualSecure", secure)));
        }

        return Check(
            "Trunk",
            "passed",
            "The trunk exists and is configured as expected.",
            Facts(("trunkSid", trunkSid), ("domainName", domainName), ("transferMode", transferMode), ("secure", secure)));
    }

    private async Task<ReferenceCheck> CheckCredentialListAsync(VerificationSubject subject, string token, CancellationToken cancellationToken)
    {
        var sid = subject.AccountSid;
        var association = twilio.GetAsync(sid, token, $"v1/Trunks/{subject.TrunkSid}/CredentialLists/{subject.CredentialListSid}", cancellationToken);
        var credentials = twilio.ListAsync(
            sid, token, $"2010-04-01/Accounts/{sid}/SIP/CredentialLists/{subject.CredentialListSid}/Credentials.json?PageSize=1000", "credentials", cancellationToken);
        await Task.WhenAll(association, credentials);

        var listExists = await credentials is not null;
        var associated = await association is not null;
        var hasCredential = (await credentials)?.Any(c => c.GetProperty("username").GetString() == subject.SipUsername) ?? false;
        var facts = Facts(
            ("credentialListSid", subject.CredentialListSid),
            ("trunkSid", subject.TrunkSid),
            ("credentialListExists", listExists),
            ("associatedWithTrunk", associated),
            ("sipCredentialPresent", hasCredential));
        if (listExists && associated && hasCredential)
        {
            return Check("Credential List", "passed", "The credential list exists, is associated with the trunk and holds the SIP credential.", facts);
        }

        var missing = new List<string>(3);
        if (!listExists)
        {
            missing.Add("the credential list no longer exists");
        }

        if (!associated)
        {
            missing.Add("the credential list is not associated with the trunk");
        }

        if (!hasCredential)
        {
            missing.Add("the provider's SIP credential is missing from the list");
        }

        return Check("Credential List", "failed", $"SIP authentication will fail: {string.Join("; ", missing)}.", facts);
    }

    /// <summary>
    /// The project's Origination check: passed when every desired URL is on the trunk (ours: a stored SID or our friendly
    /// name prefix), enabled and equal; warning when ours differ or are missing, or the tenant's own enabled URLs have an
    /// equal or better priority; failed when none of ours is there and enabled.
    /// </summary>
    private async Task<ReferenceCheck> CheckOriginationAsync(VerificationSubject subject, string token, bool trunkExists, CancellationToken cancellationToken)
    {
        var desired = origination.DesiredFor(subject.InboundRoutingKey, subject.SecureTrunking);
        var actual = trunkExists
            ? ((await twilio.ListAsync(subject.AccountSid, token, $"v1/Trunks/{subject.TrunkSid}/OriginationUrls?PageSize=1000", "origination_urls", cancellationToken)) ?? [])
                .Select(url => new ReferenceOrigination.Spec(
                    url.GetProperty("friendly_name").GetString() ?? string.Empty,
                    url.GetProperty("sip_url").GetString() ?? string.Empty,
                    url.GetProperty("priority").GetInt32(),
                    url.GetProperty("weight").GetInt32(),
                    url.GetProperty("enabled").GetBoolean(),
                    url.GetProperty("sid").GetString()))
                .ToList()
            : [];
        bool IsOurs(ReferenceOrigination.Spec url) =>
            subject.OriginationUrls.Any(stored => stored.Sid == url.Sid)
            || url.FriendlyName.StartsWith(ReferenceOrigination.FriendlyNamePrefix, StringComparison.Ordinal);
        var ours = actual.Where(IsOurs).ToList();
        var tenants = actual.Where(url => !IsOurs(url)).ToList();

        var missing = new List<string>();
        var differing = new List<KeyValuePair<string, object>[]>();
        foreach (var spec in desired)
        {
            var stored = subject.OriginationUrls.FirstOrDefault(u => u.FriendlyName == spec.FriendlyName);
            var match = ours.FirstOrDefault(u => stored.Sid is not null && u.Sid == stored.Sid)
                ?? ours.FirstOrDefault(u => u.FriendlyName == spec.FriendlyName);
            if (match is null)
            {
                missing.Add(spec.SipUrl);
            }
            else if (match with { Sid = null } != spec)
            {
                differing.Add([new("sid", match.Sid!), new("expected", Describe(spec)), new("actual", Describe(match))]);
            }
        }

        var bestOurs = ours.Where(u => u.Enabled).Select(u => u.Priority).DefaultIfEmpty(int.MaxValue).Min();
        var competing = tenants
            .Where(u => u.Enabled && u.Priority <= bestOurs)
            .Select(u => new KeyValuePair<string, object>[] { new("sid", u.Sid!), new("sipUrl", u.SipUrl), new("priority", u.Priority), new("weight", u.Weight) })
            .ToList();
        var facts = Facts(
            ("trunkSid", subject.TrunkSid),
            ("expectedCount", desired.Count),
            ("missingSipUrls", missing.Count > 0 ? missing : null),
            ("differing", differing.Count > 0 ? differing : null),
            ("competingTenantUrls", competing.Count > 0 ? competing : null));

        if (!ours.Any(u => u.Enabled))
        {
            return Check(
                "Origination",
                "failed",
                "No origination URL of the platform is on the trunk and enabled: calls to the provider's numbers cannot reach it (Twilio error 32010 or the tenant's own destination).",
                facts);
        }

        if (missing.Count > 0 || differing.Count > 0 || competing.Count > 0)
        {
            var problems = new List<string>(3);
            if (missing.Count > 0)
            {
                problems.Add($"{missing.Count} of {desired.Count} origination URLs are missing");
            }

            if (differing.Count > 0)
            {
                problems.Add($"{differing.Count} differ from the settings");
            }

            if (competing.Count > 0)
            {
                problems.Add($"{competing.Count} URLs added in the Twilio Console have an equal or better priority, so calls may be split or go elsewhere");
            }

            return Check("Origination", "warning", $"Inbound calls may not all reach the platform: {string.Join("; ", problems)}.", facts);
        }

        return Check("Origination", "passed", $"All {desired.Count} origination URLs are on the trunk, enabled and as configured.", facts);
    }

    private static string Describe(ReferenceOrigination.Spec url) =>
        string.Create(CultureInfo.InvariantCulture, $"{url.SipUrl} priority {url.Priority} weight {url.Weight} {(url.Enabled ? "enabled" : "disabled")}");

    private async Task<ReferenceCheck> CheckPhoneNumbersAsync(VerificationSubject subject, string token, bool trunkExists, CancellationToken cancellationToken)
    {
        var imported = subject.ImportedPhoneNumberSids;
        if (imported.Count == 0)
        {
            return Check("Phone Numbers", "passed", "No phone numbers are imported.", Facts(("importedCount", 0)));
        }

        var sid = subject.AccountSid;
        var onTrunk = trunkExists
            ? ((await twilio.ListAsync(sid, token, $"v1/Trunks/{subject.TrunkSid}/PhoneNumbers?PageSize=1000", "phone_numbers", cancellationToken)) ?? [])
                .Select(n => n.GetProperty("sid").GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        var missing = imported.Where(n => !onTrunk.Contains(n)).Order(StringComparer.Ordinal).ToList();
        var whereabouts = new Dictionary<string, (bool Exists, string? TrunkSid)>(StringComparer.Ordinal);
        if (missing.Count > MaxSingleNumberFetches)
        {
            var account = (await twilio.ListAsync(sid, token, $"2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json?PageSize=1000", "incoming_phone_numbers", cancellationToken)) ?? [];
            var bySid = account.ToDictionary(n => n.GetProperty("sid").GetString()!, TrunkOf, StringComparer.Ordinal);
            foreach (var number in missing)
            {
                whereabouts[number] = bySid.TryGetValue(number, out var trunkSid) ? (true, trunkSid) : (false, null);
            }
        }
        else
        {
            foreach (var number in missing)
            {
                whereabouts[number] = await twilio.GetAsync(sid, token, $"2010-04-01/Accounts/{sid}/IncomingPhoneNumbers/{number}.json", cancellationToken) is { } found
                    ? (true, TrunkOf(found))
                    : (false, null);
            }
        }

        var released = missing.Where(n => !whereabouts[n].Exists).ToList();
        var detached = missing.Where(n => whereabouts[n] is (true, null)).ToList();
        var moved = missing.Where(n => whereabouts[n] is (true, { } trunkSid) && trunkSid != subject.TrunkSid).ToList();
        var problems = released.Count + detached.Count + moved.Count;
        return problems == 0
            ? Check("Phone Numbers", "passed", $"All {imported.Count} imported numbers are on the trunk.", Facts(("importedCount", imported.Count)))
            : Check(
                "Phone Numbers",
                "warning",
                $"{problems} of {imported.Count} imported numbers no longer route over the trunk: calls to them will not reach it.",
                Facts(("importedCount", imported.Count), ("releasedPhoneNumberSids", released), ("detachedPhoneNumberSids", detached), ("movedPhoneNumberSids", moved)));
    }

    private static string? TrunkOf(JsonElement number) =>
        number.TryGetProperty("trunk_sid", out var trunk) && trunk.ValueKind == JsonValueKind.String ? trunk.GetString() : null;

    private static List<ReferenceCheck> Rejected(VerificationSubject subject, TwilioRejectedException rejected) =>
        CredentialsFailed(
            "Twilio rejected the stored credentials: rotate the Auth Token.",
            Facts(("accountSid", subject.AccountSid), ("httpStatus", rejected.HttpStatus), ("twilioErrorCode", rejected.TwilioErrorCode)));

    private static List<ReferenceCheck> CredentialsFailed(string message, SortedDictionary<string, object> facts) =>
    [
        Check("Credentials", "failed", message, facts),
        .. new[] { "Trunk", "Credential List", "Origination", "Phone Numbers" }.Select(name => Check(name, "skipped", "Not checked: the credentials check failed.", Facts())),
    ];

    private static ReferenceCheck Check(string name, string status, string message, SortedDictionary<string, object> details) =>
        new(name, status, message, Microseconds(DateTimeOffset.UtcNow), details);

    private static SortedDictionary<string, object> Facts(params (string Key, object? Value)[] facts)
    {
        var details = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in facts)
        {
            if (value is not null)
            {
                details[key] = value;
            }
        }

        return details;
    }

    private static DateTimeOffset Microseconds(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
