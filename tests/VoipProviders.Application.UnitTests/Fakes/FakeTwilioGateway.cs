using System.Globalization;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// An in-memory Twilio account. Records every call, keeps the trunks and credential lists that were created (so a test
/// can see what a failure left behind) and throws a configured exception on the Nth call of an operation — before or
/// after the operation took effect (the latter models a create whose outcome is unknown to the caller).
/// </summary>
public sealed class FakeTwilioGateway : ITwilioGateway
{
    private readonly List<GatewayCall> _calls = [];
    private readonly List<Failure> _failures = [];
    private readonly Dictionary<string, int> _callCounts = new(StringComparer.Ordinal);
    private int _nextSid;

    /// <summary>What <see cref="GetActiveAccountAsync"/> finds; by default an active account (any other status throws, as the real one does).</summary>
    public TwilioAccount Account { get; set; } = new("AC0123456789abcdef0123456789abcdef", "Acme Telecom", TwilioAccount.ActiveStatus);

    /// <summary>Runs before every call, with the operation name (e.g. to cancel the caller's token mid-flight).</summary>
    public Action<string>? BeforeCall { get; set; }

    /// <summary>
    /// Awaited after <see cref="BeforeCall"/>, with the operation name and its arguments: keeps a call in flight (e.g. to
    /// count how many run at the same time) or changes the account the way a concurrent request would.
    /// </summary>
    public Func<string, IReadOnlyList<object?>, Task>? DuringCall { get; set; }

    public IReadOnlyList<GatewayCall> Calls => _calls;

    public IReadOnlyList<string> Operations => [.. _calls.Select(c => c.Operation)];

    /// <summary>Trunks that exist in the account: SID → domain name.</summary>
    public Dictionary<string, string> Trunks { get; } = new(StringComparer.Ordinal);

    /// <summary>Trunks whose TransferMode is enable-all (the others are disable-all).</summary>
    public HashSet<string> TransferEnabledTrunks { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// TransferModes set outside the module (e.g. <c>sip-only</c> chosen in the Twilio Console): trunk SID → Twilio's value.
    /// Wins over <see cref="TransferEnabledTrunks"/> in <see cref="FetchTrunkAsync"/> until the module sets the mode again
    /// or deletes the trunk.
    /// </summary>
    public Dictionary<string, string> TrunkTransferModes { get; } = new(StringComparer.Ordinal);

    /// <summary>Numbers of the account: SID → number (with the trunk it is attached to).</summary>
    public Dictionary<string, TwilioIncomingNumber> PhoneNumbers { get; } = new(StringComparer.Ordinal);

    /// <summary>Credential lists that exist in the account: SID → friendly name.</summary>
    public Dictionary<string, string> CredentialLists { get; } = new(StringComparer.Ordinal);

    /// <summary>SIP credentials that exist: SID → (credential list SID, username).</summary>
    public Dictionary<string, (string CredentialListSid, string Username)> SipCredentials { get; } = new(StringComparer.Ordinal);

    /// <summary>Trunks whose Secure flag is on.</summary>
    public HashSet<string> SecureTrunks { get; } = new(StringComparer.Ordinal);

    /// <summary>Origination URLs of the trunks, in creation order.</summary>
    public List<(string TrunkSid, TwilioOriginationUrl Url)> OriginationUrls { get; } = [];

    /// <summary>Credential lists associated with trunks: (trunk SID, credential list SID).</summary>
    public HashSet<(string TrunkSid, string CredentialListSid)> Associations { get; } = [];

    /// <summary>The account's secondary Auth Token, if it has one.</summary>
    public TwilioAuthToken? SecondaryAuthToken { get; set; }

    /// <summary>How many promotions took effect.</summary>
    public int Promotions { get; private set; }

    public IEnumerable<GatewayCall> CallsTo(string operation) => _calls.Where(c => c.Operation == operation);

    /// <summary>
    /// Makes the <paramref name="callNumber"/>th call (1-based) of <paramref name="operation"/> throw <paramref name="exception"/>;
    /// with <paramref name="afterEffect"/> the operation takes effect first (a create whose outcome the caller cannot know).
    /// </summary>
    public FakeTwilioGateway FailOn(string operation, Exception exception, int callNumber = 1, bool afterEffect = false)
    {
        _failures.Add(new Failure(operation, callNumber, exception, afterEffect));
        return this;
    }

    public Task<TwilioAccount> GetActiveAccountAsync(TwilioCredentials credentials, CancellationToken cancellationToken) =>
        Run(GatewayOperation.FetchAccount, credentials, [], cancellationToken, () =>
            Account.IsActive ? Account : throw new TwilioAccountNotActiveException(Account.Status));

    public Task<TwilioTrunk> CreateTrunkAsync(TwilioCredentials credentials, CreateTwilioTrunkRequest request, CancellationToken cancellationToken) =>
        Run(GatewayOperation.CreateTrunk, credentials, [request], cancellationToken, () =>
        {
            var sid = NewSid("TK");
            Trunks[sid] = request.DomainName;
            if (request.TransferEnabled)
            {
                TransferEnabledTrunks.Add(sid);
            }

            if (request.Secure)
            {
                SecureTrunks.Add(sid);
            }

            return new TwilioTrunk(sid, request.DomainName);
        });

    public Task<TwilioTrunk?> FindTrunkByDomainNameAsync(TwilioCredentials credentials, string domainName, CancellationToken cancellationToken) =>
        Run<TwilioTrunk?>(GatewayOperation.FindTrunkByDomainName, credentials, [domainName], cancellationToken, () =>
        {
            var match = Trunks.FirstOrDefault(t => string.Equals(t.Value, domainName, StringComparison.OrdinalIgnoreCase));
            return match.Key is null ? null : new TwilioTrunk(match.Key, match.Value);
        });

    public Task UpdateTrunkTransferModeAsync(TwilioCredentials credentials, string trunkSid, bool transferEnabled, CancellationToken cancellationToken) =>
        Run(GatewayOperation.UpdateTrunkTransferMode, credentials, [trunkSid, transferEnabled], cancellationToken, () =>
        {
            if (!Trunks.ContainsKey(trunkSid))
            {
                throw new TwilioResourceNotFoundException("No such trunk.", 20404);
            }

            if (transferEnabled)
            {
                TransferEnabledTrunks.Add(trunkSid);
            }
            else
            {
                TransferEnabledTrunks.Remove(trunkSid);
            }

            TrunkTransferModes.Remove(trunkSid);
            return true;
        });

    public Task<IReadOnlyList<TwilioIncomingNumber>> ListIncomingPhoneNumbersAsync(TwilioCredentials credentials, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<TwilioIncomingNumber>>(GatewayOperation.ListIncomingPhoneNumbers, credentials, [], cancellationToken, () => [.. PhoneNumbers.Values]);

    /// <summary>Twilio's filter as the emulator applies it: the numbers containing it, <c>*</c> standing for any digit.</summary>
    public Task<IReadOnlyList<TwilioIncomingNumber>> ListIncomingPhoneNumbersMatchingAsync(
        TwilioCredentials credentials,
        string? phoneNumberFilter,
        CancellationToken cancellationToken) =>
        Run<IReadOnlyList<TwilioIncomingNumber>>(GatewayOperation.ListIncomingPhoneNumbers, credentials, phoneNumberFilter is null ? [] : [phoneNumberFilter], cancellationToken, () =>
            [.. PhoneNumbers.Values.Where(n => phoneNumberFilter is null || System.Text.RegularExpressions.Regex.IsMatch(
                n.PhoneNumber,
                System.Text.RegularExpressions.Regex.Escape(phoneNumberFilter).Replace(@"\*", "[0-9]", StringComparison.Ordinal),
                System.Text.RegularExpressions.RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1)))]);

    public Task<TwilioIncomingNumber?> FindIncomingPhoneNumberAsync(TwilioCredentials credentials, string phoneNumberSid, CancellationToken cancellationToken) =>
        Run(GatewayOperation.FindIncomingPhoneNumber, credentials, [phoneNumberSid], cancellationToken, () => PhoneNumbers.GetValueOrDefault(phoneNumberSid));

    public Task AttachPhoneNumberAsync(TwilioCredentials credentials, string trunkSid, string phoneNumberSid, CancellationToken cancellationToken) =>
        Run(GatewayOperation.AttachPhoneNumber, credentials, [trunkSid, phoneNumberSid], cancellationToken, () =>
        {
            lock (PhoneNumbers)
            {
                if (!PhoneNumbers.TryGetValue(phoneNumberSid, out var number))
                {
                    throw new TwilioResourceNotFoundException("No such number.", 20404);
                }

                if (number.TrunkSid is not null)
                {
                    throw new TwilioRequestRejectedException("Already attached.", 21220, 400);
                }

                PhoneNumbers[phoneNumberSid] = number with { TrunkSid = trunkSid };
                return true;
            }
        });

    public Task DetachPhoneNumberAsync(TwilioCredentials credentials, string trunkSid, string phoneNumberSid, CancellationToken cancellationToken) =>
        Run(GatewayOperation.DetachPhoneNumber, credentials, [trunkSid, phoneNumberSid], cancellationToken, () =>
        {
            lock (PhoneNumbers)
            {
                if (PhoneNumbers.TryGetValue(phoneNumberSid, out var number) && number.TrunkSid == trunkSid)
                {
                    PhoneNumbers[phoneNumberSid] = number with { TrunkSid = null };
                }

                return true;
            }
        });

    public Task<TwilioTrunkConfiguration?> FetchTrunkAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken) =>
        Run(GatewayOperation.FetchTrunk, credentials, [trunkSid], cancellationToken, () =>
            Trunks.TryGetValue(trunkSid, out var domainName)
                ? new TwilioTrunkConfiguration(
                    trunkSid,
                    domainName,
                    TrunkTransferModes.GetValueOrDefault(trunkSid) ?? TwilioTrunkConfiguration.TransferModeFor(TransferEnabledTrunks.Contains(trunkSid)),
                    SecureTrunks.Contains(trunkSid))
                : null);

    public Task UpdateTrunkSecureAsync(TwilioCredentials credentials, string trunkSid, bool secure, CancellationToken cancellationToken) =>
        Run(GatewayOperation.UpdateTrunkSecure, credentials, [trunkSid, secure], cancellationToken, () =>
        {
            if (!Trunks.ContainsKey(trunkSid))
            {
                throw new TwilioResourceNotFoundException("No such trunk.", 20404);
            }

            _ = secure ? SecureTrunks.Add(trunkSid) : SecureTrunks.Remove(trunkSid);
            return true;
        });

    public Task UpdateTrunkDomainNameAsync(TwilioCredentials credentials, string trunkSid, string domainName, CancellationToken cancellationToken) =>
        Run(GatewayOperation.UpdateTrunkDomainName, credentials, [trunkSid, domainName], cancellationToken, () =>
        {
            if (!Trunks.ContainsKey(trunkSid))
            {
                throw new TwilioResourceNotFoundException("No such trunk.", 20404);
            }

            Trunks[trunkSid] = domainName;
            return true;
        });

    public Task<IReadOnlyList<TwilioOriginationUrl>?> ListOriginationUrlsAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<TwilioOriginationUrl>?>(GatewayOperation.ListOriginationUrls, credentials, [trunkSid], cancellationToken, () =>
            Trunks.ContainsKey(trunkSid) ? [.. OriginationUrls.Where(o => o.TrunkSid == trunkSid).Select(o => o.Url)] : null);

    public Task<TwilioOriginationUrl> CreateOriginationUrlAsync(TwilioCredentials credentials, string trunkSid, TwilioOriginationUrlSpec spec, CancellationToken cancellationToken) =>
        Run(GatewayOperation.CreateOriginationUrl, credentials, [trunkSid, spec], cancellationToken, () =>
        {
            if (!Trunks.ContainsKey(trunkSid))
            {
                throw new TwilioResourceNotFoundException("No such trunk.", 20404);
            }

            var url = new TwilioOriginationUrl(NewSid("OU"), spec.FriendlyName, spec.SipUrl, spec.Priority, spec.Weight, spec.Enabled);
            OriginationUrls.Add((trunkSid, url));
            return url;
        });

    public Task UpdateOriginationUrlAsync(TwilioCredentials credentials, string trunkSid, string originationUrlSid, TwilioOriginationUrlSpec spec, CancellationToken cancellationToken) =>
        Run(GatewayOperation.UpdateOriginationUrl, credentials, [trunkSid, originationUrlSid, spec], cancellationToken, () =>
        {
            var index = OriginationUrls.FindIndex(o => o.TrunkSid == trunkSid && o.Url.Sid == originationUrlSid);
            if (index < 0)
            {
                throw new TwilioResourceNotFoundException("No such origination URL.", 20404);
            }

            OriginationUrls[index] = (trunkSid, new TwilioOriginationUrl(originationUrlSid, spec.FriendlyName, spec.SipUrl, spec.Priority, spec.Weight, spec.Enabled));
            return true;
        });

    public Task DeleteOriginationUrlAsync(TwilioCredentials credentials, string trunkSid, string originationUrlSid, CancellationToken cancellationToken) =>
        Run(GatewayOperation.DeleteOriginationUrl, credentials, [trunkSid, originationUrlSid], cancellationToken, () =>
            OriginationUrls.RemoveAll(o => o.TrunkSid == trunkSid && o.Url.Sid == originationUrlSid) >= 0);

    public Task<IReadOnlyList<TwilioSipCredential>?> ListSipCredentialsAsync(TwilioCredentials credentials, string credentialListSid, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<TwilioSipCredential>?>(GatewayOperation.ListSipCredentials, credentials, [credentialListSid], cancellationToken, () =>
            CredentialLists.ContainsKey(credentialListSid)
                ? [.. SipCredentials.Where(c => c.Value.CredentialListSid == credentialListSid).Select(c => new TwilioSipCredential(c.Key, c.Value.Username))]
                : null);

    public Task DeleteSipCredentialAsync(TwilioCredentials credentials, string credentialListSid, string sipCredentialSid, CancellationToken cancellationToken) =>
        Run(GatewayOperation.DeleteSipCredential, credentials, [credentialListSid, sipCredentialSid], cancellationToken, () => SipCredentials.Remove(sipCredentialSid));


    /// <summary>Like Twilio's GET of the association: false also when the trunk or the list is gone.</summary>
    public Task<bool> IsCredentialListAssociatedAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string credentialListSid,
        CancellationToken cancellationToken) =>
        Run(GatewayOperation.IsCredentialListAssociated, credentials, [trunkSid, credentialListSid], cancellationToken, () =>
            Trunks.ContainsKey(trunkSid) && CredentialLists.ContainsKey(credentialListSid) && Associations.Contains((trunkSid, credentialListSid)));

    public Task<IReadOnlyList<string>?> ListSipCredentialUsernamesAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        CancellationToken cancellationToken) =>
        Run<IReadOnlyList<string>?>(GatewayOperation.ListSipCredentialUsernames, credentials, [credentialListSid], cancellationToken, () =>
            CredentialLists.ContainsKey(credentialListSid)
                ? [.. SipCredentials.Values.Where(c => c.CredentialListSid == credentialListSid).Select(c => c.Username)]
                : null);

    public Task<IReadOnlyList<string>> ListTrunkPhoneNumberSidsAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken) =>
        Run<IReadOnlyList<string>>(GatewayOperation.ListTrunkPhoneNumberSids, credentials, [trunkSid], cancellationToken, () =>
        {
            if (!Trunks.ContainsKey(trunkSid))
            {
                return [];
            }

            lock (PhoneNumbers)
            {
                return [.. PhoneNumbers.Values.Where(n => n.TrunkSid == trunkSid).Select(n => n.Sid)];
            }
        });

    public Task DeleteTrunkAsync(TwilioCredentials credentials, string trunkSid, CancellationToken cancellationToken) =>
        Run(GatewayOperation.DeleteTrunk, credentials, [trunkSid], cancellationToken, () =>
        {
            Trunks.Remove(trunkSid);
            TrunkTransferModes.Remove(trunkSid);
            SecureTrunks.Remove(trunkSid);
            OriginationUrls.RemoveAll(o => o.TrunkSid == trunkSid);
            Associations.RemoveWhere(a => a.TrunkSid == trunkSid);
            return true;
        });

    public Task<string> CreateCredentialListAsync(TwilioCredentials credentials, string friendlyName, CancellationToken cancellationToken) =>
        Run(GatewayOperation.CreateCredentialList, credentials, [friendlyName], cancellationToken, () =>
        {
            var sid = NewSid("CL");
            CredentialLists[sid] = friendlyName;
            return sid;
        });

    public Task<string?> FindCredentialListByFriendlyNameAsync(TwilioCredentials credentials, string friendlyName, CancellationToken cancellationToken) =>
        Run<string?>(GatewayOperation.FindCredentialListByFriendlyName, credentials, [friendlyName], cancellationToken, () =>
            CredentialLists.FirstOrDefault(l => string.Equals(l.Value, friendlyName, StringComparison.Ordinal)).Key);

    public Task<TwilioAuthToken> CreateSecondaryAuthTokenAsync(TwilioCredentials credentials, CancellationToken cancellationToken) =>
        Run(GatewayOperation.CreateSecondaryAuthToken, credentials, [], cancellationToken, () =>
        {
            if (SecondaryAuthToken is not null)
            {
                throw new TwilioSecondaryAuthTokenExistsException("exists", 20409);
            }

            SecondaryAuthToken = TwilioAuthToken.From(Guid.NewGuid().ToString("N"));
            return SecondaryAuthToken;
        });

    public Task DeleteSecondaryAuthTokenAsync(TwilioCredentials credentials, CancellationToken cancellationToken) =>
        Run(GatewayOperation.DeleteSecondaryAuthToken, credentials, [], cancellationToken, () =>
        {
            SecondaryAuthToken = null;
            return true;
        });

    public Task PromoteSecondaryAuthTokenAsync(TwilioCredentials credentials, CancellationToken cancellationToken) =>
        Run(GatewayOperation.PromoteSecondaryAuthToken, credentials, [], cancellationToken, () =>
        {
            if (SecondaryAuthToken is null)
            {
                throw new TwilioResourceNotFoundException("No secondary Auth Token.", 20404);
            }

            SecondaryAuthToken = null;
            Promotions++;
            return true;
        });

    public Task DeleteCredentialListAsync(TwilioCredentials credentials, string credentialListSid, CancellationToken cancellationToken) =>
        Run(GatewayOperation.DeleteCredentialList, credentials, [credentialListSid], cancellationToken, () =>
        {
            CredentialLists.Remove(credentialListSid);
            foreach (var credential in SipCredentials.Where(c => c.Value.CredentialListSid == credentialListSid).ToList())
            {
                SipCredentials.Remove(credential.Key);
            }

            Associations.RemoveWhere(a => a.CredentialListSid == credentialListSid);
            return true;
        });

    public Task<string> CreateSipCredentialAsync(
        TwilioCredentials credentials,
        string credentialListSid,
        string username,
        string password,
        CancellationToken cancellationToken) =>
        Run(GatewayOperation.CreateSipCredential, credentials, [credentialListSid, username, password], cancellationToken, () =>
        {
            if (!CredentialLists.ContainsKey(credentialListSid))
            {
                throw new TwilioResourceNotFoundException("No such credential list.", 20404);
            }

            var sid = NewSid("CR");
            SipCredentials[sid] = (credentialListSid, username);
            return sid;
        });

    public Task AssociateCredentialListAsync(
        TwilioCredentials credentials,
        string trunkSid,
        string credentialListSid,
        CancellationToken cancellationToken) =>
        Run(GatewayOperation.AssociateCredentialList, credentials, [trunkSid, credentialListSid], cancellationToken, () =>
        {
            if (!Trunks.ContainsKey(trunkSid) || !CredentialLists.ContainsKey(credentialListSid))
            {
                throw new TwilioResourceNotFoundException("No such trunk or credential list.", 20404);
            }

            Associations.Add((trunkSid, credentialListSid));
            return true;
        });

    private async Task<T> Run<T>(
        string operation,
        TwilioCredentials credentials,
        object?[] arguments,
        CancellationToken cancellationToken,
        Func<T> effect)
    {
        await Task.Yield();
        int callNumber;
        Failure? failure;
        lock (_calls)
        {
            // Imports attach numbers in parallel: the journal is shared.
            _calls.Add(new GatewayCall(operation, credentials, arguments));
            callNumber = _callCounts[operation] = _callCounts.GetValueOrDefault(operation) + 1;
            failure = _failures.FirstOrDefault(f => f.Operation == operation && f.CallNumber == callNumber);
        }

        BeforeCall?.Invoke(operation);
        if (DuringCall is { } during)
        {
            await during(operation, arguments);
        }

        cancellationToken.ThrowIfCancellationRequested();

        if (failure is { AfterEffect: false })
        {
            throw failure.Exception;
        }

        var result = effect();
        if (failure is { AfterEffect: true })
        {
            throw failure.Exception;
        }

        return result;
    }

    private string NewSid(string prefix) =>
        prefix + (++_nextSid).ToString("x32", CultureInfo.InvariantCulture);

    private sealed record Failure(string Operation, int CallNumber, Exception Exception, bool AfterEffect);
}
