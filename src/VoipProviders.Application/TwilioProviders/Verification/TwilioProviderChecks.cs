using System.Security.Cryptography;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.Providers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Verification;

/// <summary>
/// The five health checks of a Twilio provider, in order: Credentials, Trunk, Credential List, Origination, Phone Numbers. A
/// check fails or warns only on what Twilio positively answered; when Twilio is unavailable (5xx, timeout, circuit
/// open, 429 after retries) the whole run is inconclusive and the gateway's exception propagates, so an outage can
/// never mark a provider failed.
/// </summary>
public sealed class TwilioProviderChecks(
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    IImportedPhoneNumberRepository phoneNumbers,
    OriginationPlan originationPlan,
    TimeProvider timeProvider) : IProviderChecks
{
    public ProviderType Type => TwilioProviderKind.Type;

    public UpstreamFailureException TimedOut(OperationCanceledException cause) =>
        new TwilioUnavailableException("The verification did not finish within its time limit.", innerException: cause);

    public Task<IReadOnlyList<VerificationCheck>> RunAsync(IVerifiableProvider provider, CancellationToken cancellationToken) =>
        RunAsync(provider as TwilioProvider ?? throw new ArgumentException("Not a Twilio provider.", nameof(provider)), cancellationToken);

    public async Task<IReadOnlyList<VerificationCheck>> RunAsync(TwilioProvider provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);

        // Read before any Twilio call: the database context serves one query at a time, the checks below run together.
        var imported = await phoneNumbers.ListOfProviderAsync(provider.Id, cancellationToken);

        TwilioCredentials credentials;
        try
        {
            credentials = secretProtector.CredentialsOf(provider);
        }
        catch (CryptographicException)
        {
            return CredentialsFailedAndRestSkipped(
                "The stored Auth Token can no longer be decrypted (the key that protected it is gone): rotate the Auth Token.",
                Facts(("accountSid", provider.AccountSid.Value), ("reason", "stored_token_unreadable")));
        }

        TwilioTrunkConfiguration? trunk;
        try
        {
            await twilio.GetActiveAccountAsync(credentials, cancellationToken);

            // The trunk fetch is the proof that the credentials may use Elastic SIP Trunking: a 404 still proves it.
            trunk = await twilio.FetchTrunkAsync(credentials, provider.TrunkSid, cancellationToken);
        }
        catch (TwilioCredentialsRejectedException rejected)
        {
            return CredentialsFailedAndRestSkipped(
                "Twilio rejected the stored credentials: rotate the Auth Token.",
                Facts(("accountSid", provider.AccountSid.Value), ("httpStatus", rejected.HttpStatus), ("twilioErrorCode", rejected.TwilioErrorCode)));
        }
        catch (TwilioAccountNotActiveException notActive)
        {
            return CredentialsFailedAndRestSkipped(
                $"The Twilio account is {notActive.AccountStatus}: calls cannot be made until it is active again.",
                Facts(("accountSid", provider.AccountSid.Value), ("accountStatus", notActive.AccountStatus)));
        }

        var credentialsCheck = Check(
            VerificationCheckNames.Credentials,
            VerificationCheckStatus.Passed,
            "Twilio accepted the credentials; the account is active and may use Elastic SIP Trunking.",
            Facts(("accountSid", provider.AccountSid.Value), ("accountStatus", TwilioAccount.ActiveStatus)));
        var trunkCheck = CheckTrunk(provider, trunk);

        try
        {
            var credentialList = CheckCredentialListAsync(credentials, provider, cancellationToken);
            var origination = CheckOriginationAsync(credentials, provider, trunk is not null, cancellationToken);
            var numbers = CheckPhoneNumbersAsync(credentials, provider, trunk is not null, imported, cancellationToken);
            await Task.WhenAll(credentialList, origination, numbers);
            return [credentialsCheck, trunkCheck, await credentialList, await origination, await numbers];
        }
        catch (TwilioCredentialsRejectedException rejected)
        {
            // The token stopped working halfway (rotated in the Console a moment ago): that is what the tenant must hear.
            return CredentialsFailedAndRestSkipped(
                "Twilio rejected the stored credentials: rotate the Auth Token.",
                Facts(("accountSid", provider.AccountSid.Value), ("httpStatus", rejected.HttpStatus), ("twilioErrorCode", rejected.TwilioErrorCode)));
        }
    }

    private VerificationCheck CheckTrunk(TwilioProvider provider, TwilioTrunkConfiguration? trunk)
    {
        if (trunk is null)
        {
            return Check(
                VerificationCheckNames.Trunk,
                VerificationCheckStatus.Failed,
                "The Elastic SIP trunk no longer exists in the Twilio account: calls cannot be terminated.",
                Facts(("trunkSid", provider.TrunkSid)));
        }

        if (!string.Equals(trunk.DomainName, provider.TrunkDomainName, StringComparison.OrdinalIgnoreCase))
        {
            return Check(
                VerificationCheckNames.Trunk,
                VerificationCheckStatus.Failed,
                "The trunk's termination domain differs from the one calls are sent to.",
                Facts(("trunkSid", trunk.Sid), ("expectedDomainName", provider.TrunkDomainName), ("actualDomainName", trunk.DomainName)));
        }

        // Both settings are compared; the warning names every one that differs.
        var problems = new List<string>(2);
        var facts = new List<(string Key, object? Value)> { ("trunkSid", trunk.Sid) };
        var expectedTransferMode = TwilioTrunkConfiguration.TransferModeFor(provider.SupportsCallTransfer);
        if (!string.Equals(trunk.TransferMode, expectedTransferMode, StringComparison.Ordinal))
        {
            problems.Add(provider.SupportsCallTransfer
                ? "Call transfer is enabled for this provider but not on the trunk: transfers will fail."
                : "The trunk allows call transfer although this provider has it turned off.");
            facts.Add(("expectedTransferMode", expectedTransferMode));
            facts.Add(("actualTransferMode", trunk.TransferMode));
        }

        if (trunk.Secure != provider.SecureTrunking)
        {
            problems.Add(provider.SecureTrunking
                ? "Secure trunking is on for this provider but off on the trunk: calls are signalled and carried unencrypted."
                : "The trunk requires secure trunking (TLS and SRTP) although this provider has it off: calls sent without TLS will fail.");
            facts.Add(("expectedSecure", provider.SecureTrunking));
            facts.Add(("actualSecure", trunk.Secure));
        }

        if (problems.Count > 0)
        {
            return Check(VerificationCheckNames.Trunk, VerificationCheckStatus.Warning, string.Join(" ", problems), Facts([.. facts]));
        }

        return Check(
            VerificationCheckNames.Trunk,
            VerificationCheckStatus.Passed,
            "The trunk exists and is configured as expected.",
            Facts(("trunkSid", trunk.Sid), ("domainName", trunk.DomainName), ("transferMode", trunk.TransferMode), ("secure", trunk.Secure)));
    }

    private async Task<VerificationCheck> CheckCredentialListAsync(
        TwilioCredentials credentials,
        TwilioProvider provider,
        CancellationToken cancellationToken)
    {
        // Listing the credentials also tells whether the list exists (404 → null): two requests, not three.
        var associated = twilio.IsCredentialListAssociatedAsync(credentials, provider.TrunkSid, provider.CredentialListSid, cancellationToken);
        var usernames = twilio.ListSipCredentialUsernamesAsync(credentials, provider.CredentialListSid, cancellationToken);
        await Task.WhenAll(associated, usernames);

        var listExists = await usernames is not null;
        var isAssociated = await associated;
        var hasCredential = (await usernames)?.Contains(provider.SipUsername, StringComparer.Ordinal) ?? false;
        var facts = Facts(
            ("credentialListSid", provider.CredentialListSid),
            ("trunkSid", provider.TrunkSid),
            ("credentialListExists", listExists),
            ("associatedWithTrunk", isAssociated),
            ("sipCredentialPresent", hasCredential));

        if (listExists && isAssociated && hasCredential)
        {
            return Check(
                VerificationCheckNames.CredentialList,
                VerificationCheckStatus.Passed,
                "The credential list exists, is associated with the trunk and holds the SIP credential.",
                facts);
        }

        var missing = new List<string>(3);
        if (!listExists)
        {
            missing.Add("the credential list no longer exists");
        }

        if (!isAssociated)
        {
            missing.Add("the credential list is not associated with the trunk");
        }

        if (!hasCredential)
        {
            missing.Add("the provider's SIP credential is missing from the list");
        }

        return Check(
            VerificationCheckNames.CredentialList,
            VerificationCheckStatus.Failed,
            $"SIP authentication will fail: {string.Join("; ", missing)}.",
            facts);
    }

    /// <summary>
    /// Passed when every origination URL the settings want is on the trunk, enabled and equal; warning when ours are
    /// there but differ, or when URLs the tenant added compete with them (an equal or better priority splits or takes the
    /// calls); failed when none of ours is there and enabled, so calls to the numbers cannot reach the platform.
    /// </summary>
    private async Task<VerificationCheck> CheckOriginationAsync(
        TwilioCredentials credentials,
        TwilioProvider provider,
        bool trunkExists,
        CancellationToken cancellationToken)
    {
        var (desired, ours, tenants, _) = await TrunkOriginationState.ReadAsync(twilio, originationPlan, credentials, provider, trunkExists, cancellationToken);

        var missing = new List<string>();
        var differing = new List<Dictionary<string, object>>();
        foreach (var spec in desired)
        {
            var match = OriginationPlan.SlotOf(spec, ours, provider.OriginationUrls);
            if (match is null)
            {
                missing.Add(spec.SipUrl);
            }
            else if (!OriginationSync.Equal(match, spec))
            {
                differing.Add(new Dictionary<string, object>(StringComparer.Ordinal)
                {
                    ["sid"] = match.Sid,
                    ["expected"] = Describe(spec.SipUrl, spec.Priority, spec.Weight, spec.Enabled),
                    ["actual"] = Describe(match.SipUrl, match.Priority, match.Weight, match.Enabled),
                });
            }
        }

        var bestOurs = ours.Where(u => u.Enabled).Select(u => u.Priority).DefaultIfEmpty(int.MaxValue).Min();
        var competing = tenants
            .Where(u => u.Enabled && u.Priority <= bestOurs)
            .Select(u => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sid"] = u.Sid,
                ["sipUrl"] = u.SipUrl,
                ["priority"] = u.Priority,
                ["weight"] = u.Weight,
            })
            .ToList();
        var facts = Facts(
            ("trunkSid", provider.TrunkSid),
            ("expectedCount", desired.Count),
            ("missingSipUrls", missing.Count > 0 ? missing : null),
            ("differing", differing.Count > 0 ? differing : null),
            ("competingTenantUrls", competing.Count > 0 ? competing : null));

        if (!ours.Any(u => u.Enabled))
        {
            return Check(
                VerificationCheckNames.Origination,
                VerificationCheckStatus.Failed,
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

            return Check(
                VerificationCheckNames.Origination,
                VerificationCheckStatus.Warning,
                $"Inbound calls may not all reach the platform: {string.Join("; ", problems)}.",
                facts);
        }

        return Check(
            VerificationCheckNames.Origination,
            VerificationCheckStatus.Passed,
            $"All {desired.Count} origination URLs are on the trunk, enabled and as configured.",
            facts);
    }

    private static string Describe(string sipUrl, int priority, int weight, bool enabled) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sipUrl} priority {priority} weight {weight} {(enabled ? "enabled" : "disabled")}");

    private async Task<VerificationCheck> CheckPhoneNumbersAsync(
        TwilioCredentials credentials,
        TwilioProvider provider,
        bool trunkExists,
        IReadOnlyList<ImportedPhoneNumber> imported,
        CancellationToken cancellationToken)
    {
        if (imported.Count == 0)
        {
            return Check(VerificationCheckNames.PhoneNumbers, VerificationCheckStatus.Passed, "No phone numbers are imported.", Facts(("importedCount", 0)));
        }

        var onTrunk = trunkExists
            ? (await twilio.ListTrunkPhoneNumberSidsAsync(credentials, provider.TrunkSid, cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : [];
        var missing = imported.Select(n => n.PhoneNumberSid).Where(sid => !onTrunk.Contains(sid)).Order(StringComparer.Ordinal).ToList();
        var whereabouts = await PhoneNumberWhereabouts.FindAsync(twilio, credentials, missing, cancellationToken);
        var released = missing.Where(sid => whereabouts[sid] is null).ToList();
        var detached = missing.Where(sid => whereabouts[sid] is { TrunkSid: null }).ToList();
        var moved = missing.Where(sid => whereabouts[sid] is { TrunkSid: { } trunkSid } && trunkSid != provider.TrunkSid).ToList();

        // A number Twilio lists as ours although the trunk listing missed it (changed between the two reads) is left out.
        var problems = released.Count + detached.Count + moved.Count;
        if (problems == 0)
        {
            return Check(
                VerificationCheckNames.PhoneNumbers,
                VerificationCheckStatus.Passed,
                $"All {imported.Count} imported numbers are on the trunk.",
                Facts(("importedCount", imported.Count)));
        }

        return Check(
            VerificationCheckNames.PhoneNumbers,
            VerificationCheckStatus.Warning,
            $"{problems} of {imported.Count} imported numbers no longer route over the trunk: calls to them will not reach it.",
            Facts(
                ("importedCount", imported.Count),
                ("releasedPhoneNumberSids", released),
                ("detachedPhoneNumberSids", detached),
                ("movedPhoneNumberSids", moved)));
    }

    private List<VerificationCheck> CredentialsFailedAndRestSkipped(string message, IReadOnlyDictionary<string, object> facts)
    {
        var credentials = Check(VerificationCheckNames.Credentials, VerificationCheckStatus.Failed, message, facts);
        return
        [
            credentials,
            .. VerificationCheckNames.InOrder.Skip(1).Select(name => Check(
                name,
                VerificationCheckStatus.Skipped,
                "Not checked: the credentials check failed.",
                Facts())),
        ];
    }

    private VerificationCheck Check(string name, VerificationCheckStatus status, string message, IReadOnlyDictionary<string, object> details) =>
        new(name, status, message, Timestamps.Normalize(timeProvider.GetUtcNow()), details);

    /// <summary>Plain facts for <see cref="VerificationCheck.Details"/>; facts without a value are left out.</summary>
    private static Dictionary<string, object> Facts(params (string Key, object? Value)[] facts) =>
        facts.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal);
}
