using System.Security.Cryptography;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>
/// Plans the repair of a Twilio provider from a fresh look at its account: every difference the verification reports
/// becomes an action that brings the module's own resources (its trunk, credential list, SIP credential, origination
/// URLs, imported numbers) back in line with the provider as stored. What the module does not own, or must not decide
/// for the tenant (a number on another trunk or released, URLs the tenant added, a suspended account, rejected
/// credentials), is a <c>manual</c> finding with the reason. Twilio being unavailable propagates: no plan is better
/// than a wrong one.
/// </summary>
public sealed class RepairPlanner(
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    IImportedPhoneNumberRepository phoneNumbers,
    OriginationPlan originationPlan)
{
    public async Task<RepairPlan> PlanAsync(TwilioProvider provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);

        // Read before any Twilio call: the database context serves one query at a time, the lookups below run together.
        var imported = await phoneNumbers.ListOfProviderAsync(provider.Id, cancellationToken);
        var account = provider.AccountSid.Value;
        TwilioCredentials credentials;
        try
        {
            credentials = secretProtector.CredentialsOf(provider);
        }
        catch (CryptographicException)
        {
            return Plan(provider, [Manual(account, "The stored Auth Token can no longer be decrypted: rotate the Auth Token, then plan the repair again.")]);
        }

        TwilioTrunkConfiguration? trunk;
        try
        {
            await twilio.GetActiveAccountAsync(credentials, cancellationToken);
            trunk = await twilio.FetchTrunkAsync(credentials, provider.TrunkSid, cancellationToken);
        }
        catch (TwilioCredentialsRejectedException)
        {
            return Plan(provider, [Manual(account, "Twilio rejects the stored credentials: rotate the Auth Token, then plan the repair again.")]);
        }
        catch (TwilioAccountNotActiveException notActive)
        {
            return Plan(provider, [Manual(account, $"The Twilio account is {notActive.AccountStatus}: only the account's owner can reactivate it with Twilio; nothing is repaired until then.")]);
        }

        var actions = new List<RepairAction>();
        if (trunk is null)
        {
            actions.Add(new RepairAction(
                RepairActionNames.RecreateTrunk,
                provider.TrunkSid,
                "The trunk is gone from the Twilio account. A new trunk gets a new SID and SIP domain, so the termination URI changes: the SIP service must send calls to the new one.",
                Disruptive: true));
        }
        else
        {
            actions.AddRange(TrunkSettings(provider, trunk));
        }

        var credentialList = CredentialListAsync(credentials, provider, trunk is not null, cancellationToken);
        var origination = OriginationAsync(credentials, provider, trunk is not null, cancellationToken);
        var numbers = PhoneNumbersAsync(credentials, provider, trunk is not null, imported, cancellationToken);
        await Task.WhenAll(credentialList, origination, numbers);
        actions.AddRange(await credentialList);
        actions.AddRange(await origination);
        actions.AddRange(await numbers);
        return Plan(provider, actions);
    }

    private static RepairPlan Plan(TwilioProvider provider, IReadOnlyList<RepairAction> actions) =>
        RepairPlan.For(provider.Id.Value, provider.Version, actions);

    private static RepairAction Manual(string target, string reason) => new(RepairActionNames.Manual, target, reason);

    private static IEnumerable<RepairAction> TrunkSettings(TwilioProvider provider, TwilioTrunkConfiguration trunk)
    {
        if (!string.Equals(trunk.DomainName, provider.TrunkDomainName, StringComparison.OrdinalIgnoreCase))
        {
            yield return new RepairAction(
                RepairActionNames.SetDomainName,
                trunk.Sid,
                $"The trunk's domain was changed to '{trunk.DomainName}' in Twilio; calls are sent to '{provider.TrunkDomainName}': it is set back.");
        }

        var expectedTransferMode = TwilioTrunkConfiguration.TransferModeFor(provider.SupportsCallTransfer);
        if (!string.Equals(trunk.TransferMode, expectedTransferMode, StringComparison.Ordinal))
        {
            yield return new RepairAction(
                RepairActionNames.SetTransferMode,
                trunk.Sid,
                $"The trunk's transfer mode is '{trunk.TransferMode}'; the provider has call transfer {(provider.SupportsCallTransfer ? "on" : "off")}: it is set to '{expectedTransferMode}'.");
        }

        if (trunk.Secure != provider.SecureTrunking)
        {
            yield return new RepairAction(
                RepairActionNames.SetSecure,
                trunk.Sid,
                provider.SecureTrunking
                    ? "Secure trunking was turned off on the trunk; the provider has it on: TLS and SRTP are turned back on."
                    : "Secure trunking was turned on on the trunk; the provider has it off: it is turned back off so calls without TLS are accepted.");
        }
    }

    private async Task<IReadOnlyList<RepairAction>> CredentialListAsync(
        TwilioCredentials credentials,
        TwilioProvider provider,
        bool trunkExists,
        CancellationToken cancellationToken)
    {
        var usernames = await twilio.ListSipCredentialUsernamesAsync(credentials, provider.CredentialListSid, cancellationToken);
        var credentialChange = "a new SIP credential (new username and password) replaces it, so the dial-out route changes: the SIP service fetches it again.";
        if (usernames is null)
        {
            return
            [
                new RepairAction(RepairActionNames.CreateCredentialList, provider.CredentialListSid, "The credential list is gone from the Twilio account: a new one is created."),
                new RepairAction(RepairActionNames.AssociateCredentialList, provider.TrunkSid, "The new credential list is associated with the trunk."),
                new RepairAction(RepairActionNames.CreateSipCredential, provider.SipCredentialSid, $"The SIP credential went with its list: {credentialChange}"),
            ];
        }

        var actions = new List<RepairAction>(2);
        if (!trunkExists || !await twilio.IsCredentialListAssociatedAsync(credentials, provider.TrunkSid, provider.CredentialListSid, cancellationToken))
        {
            actions.Add(new RepairAction(
                RepairActionNames.AssociateCredentialList,
                provider.CredentialListSid,
                trunkExists ? "The credential list is no longer associated with the trunk: it is associated again." : "The credential list is associated with the new trunk."));
        }

        if (!usernames.Contains(provider.SipUsername, StringComparer.Ordinal))
        {
            actions.Add(new RepairAction(
                RepairActionNames.CreateSipCredential,
                provider.SipCredentialSid,
                $"The provider's SIP credential is gone from the credential list: {credentialChange}"));
        }

        return actions;
    }

    private async Task<IReadOnlyList<RepairAction>> OriginationAsync(
        TwilioCredentials credentials,
        TwilioProvider provider,
        bool trunkExists,
        CancellationToken cancellationToken)
    {
        var (desired, ours, tenants, storedSids) = await TrunkOriginationState.ReadAsync(twilio, originationPlan, credentials, provider, trunkExists, cancellationToken);
        var actions = new List<RepairAction>();
        foreach (var spec in desired)
        {
            var match = OriginationPlan.SlotOf(spec, ours, provider.OriginationUrls);
            if (match is null)
            {
                actions.Add(new RepairAction(
                    RepairActionNames.CreateOriginationUrl,
                    spec.SipUrl,
                    trunkExists ? "The origination URL is missing from the trunk: calls to the numbers do not reach the platform over it." : "The new trunk gets the platform's origination URL.")
                {
                    OriginationUrl = spec,
                });
            }
            else if (!OriginationSync.Equal(match, spec))
            {
                actions.Add(new RepairAction(
                    RepairActionNames.UpdateOriginationUrl,
                    match.Sid,
                    $"The origination URL was changed in Twilio (now {match.SipUrl}, priority {match.Priority}, weight {match.Weight}, {(match.Enabled ? "enabled" : "disabled")}): it is set back to the platform's settings.")
                {
                    OriginationUrl = spec,
                });
            }
            else if (!storedSids.Contains(match.Sid))
            {
                // Made by a create whose answer was lost (it carries the module's name): recorded, never created twice.
                actions.Add(new RepairAction(
                    RepairActionNames.UpdateOriginationUrl,
                    match.Sid,
                    $"The origination URL {match.SipUrl} is the module's (its create's answer was lost) but the provider does not record it: it is recorded.")
                {
                    OriginationUrl = spec,
                });
            }
        }

        var bestOurs = desired.Count == 0 ? int.MaxValue : desired.Min(spec => spec.Priority);
        foreach (var competing in tenants.Where(url => url.Enabled && url.Priority <= bestOurs))
        {
            actions.Add(Manual(
                competing.Sid,
                $"An origination URL added in the Twilio Console ({competing.SipUrl}, priority {competing.Priority}) competes with the platform's, so calls may be split or go elsewhere. The module never changes the tenant's own URLs: remove it or lower its priority in the Console."));
        }

        return actions;
    }

    private async Task<IReadOnlyList<RepairAction>> PhoneNumbersAsync(
        TwilioCredentials credentials,
        TwilioProvider provider,
        bool trunkExists,
        IReadOnlyList<Domain.PhoneNumbers.ImportedPhoneNumber> imported,
        CancellationToken cancellationToken)
    {
        if (imported.Count == 0)
        {
            return [];
        }

        var onTrunk = trunkExists
            ? (await twilio.ListTrunkPhoneNumberSidsAsync(credentials, provider.TrunkSid, cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : [];
        var missing = imported.Select(n => n.PhoneNumberSid).Where(sid => !onTrunk.Contains(sid)).Order(StringComparer.Ordinal).ToList();
        var whereabouts = await PhoneNumberWhereabouts.FindAsync(twilio, credentials, missing, cancellationToken);
        var actions = new List<RepairAction>(missing.Count);
        foreach (var sid in missing)
        {
            var number = whereabouts[sid];
            if (number is null)
            {
                actions.Add(Manual(sid, "The number was released from the Twilio account (or moved to another account): remove it from the provider, or buy it back."));
            }
            else if (number.TrunkSid is null || (!trunkExists && number.TrunkSid == provider.TrunkSid))
            {
                actions.Add(new RepairAction(
                    RepairActionNames.ReattachPhoneNumber,
                    sid,
                    trunkExists ? $"{number.PhoneNumber} is on no trunk any more: it is attached to the trunk again." : $"{number.PhoneNumber} is attached to the new trunk."));
            }
            else if (number.TrunkSid != provider.TrunkSid)
            {
                actions.Add(Manual(sid, $"{number.PhoneNumber} was moved to another trunk ({number.TrunkSid}) in the Twilio account. The module never takes a number from another trunk: move it back in the Console, or remove it from the provider."));
            }
        }

        return actions;
    }
}
