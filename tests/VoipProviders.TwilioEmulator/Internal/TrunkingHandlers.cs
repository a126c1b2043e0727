using System.Text.RegularExpressions;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>trunking.twilio.com/v1: trunks and their credential-list, phone-number and origination-url subresources.</summary>
internal static class TrunkingHandlers
{
    private static readonly string[] TransferModes = ["disable-all", "enable-all", "sip-only"];
    private static readonly string[] TransferCallerIds = ["from-transferee", "from-transferor"];
    private static readonly string[] HttpMethods = ["GET", "POST"];
    private static readonly string[] OriginationUrlFields = ["Weight", "Priority", "Enabled", "FriendlyName", "SipUrl"];

    private static readonly Regex DomainPattern =
        new(@"^(?:[A-Za-z0-9-]+\.)+pstn\.twilio\.com$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static TwilioResult CreateTrunk(TwilioCall call, EmulatorStore store)
    {
        var now = call.Now;
        var draft = new EmulatedTrunk { Sid = Sids.New("TK"), AccountSid = call.AccountSid, DateCreated = now, DateUpdated = now };
        var (trunk, error) = Apply(call, store, draft);
        if (error is not null)
        {
            return error;
        }

        store.Trunks.Add(trunk);
        return TwilioResult.Created(Render(store, trunk));
    }

    public static TwilioResult UpdateTrunk(TwilioCall call, EmulatorStore store)
    {
        if (store.FindTrunk(call.AccountSid, call.Sid) is not { } existing)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var (trunk, error) = Apply(call, store, existing with { DateUpdated = call.Now });
        if (error is not null)
        {
            return error;
        }

        EmulatorStore.Replace(store.Trunks, t => t.Sid, trunk);
        return TwilioResult.Ok(Render(store, trunk));
    }

    public static TwilioResult ListTrunks(TwilioCall call, EmulatorStore store) =>
        Paging.V1(call, "trunks", store.Trunks.FindAll(t => t.AccountSid == call.AccountSid), t => Render(store, t), t => t.Sid);

    public static TwilioResult FetchTrunk(TwilioCall call, EmulatorStore store) =>
        store.FindTrunk(call.AccountSid, call.Sid) is { } trunk ? TwilioResult.Ok(Render(store, trunk)) : TwilioResult.NotFound(call.Path);

    /// <summary>Detaches the trunk's numbers and drops its credential-list associations and origination urls; credential lists survive.</summary>
    public static TwilioResult DeleteTrunk(TwilioCall call, EmulatorStore store)
    {
        if (store.FindTrunk(call.AccountSid, call.Sid) is not { } trunk)
        {
            return TwilioResult.NotFound(call.Path);
        }

        store.Trunks.Remove(trunk);
        store.TrunkCredentialLists.RemoveAll(l => l.TrunkSid == trunk.Sid);
        store.OriginationUrls.RemoveAll(o => o.TrunkSid == trunk.Sid);
        foreach (var number in store.PhoneNumbers.FindAll(p => p.TrunkSid == trunk.Sid))
        {
            EmulatorStore.Replace(store.PhoneNumbers, p => p.Sid, number with { TrunkSid = null, DateUpdated = call.Now });
        }

        return TwilioResult.NoContent;
    }

    public static TwilioResult AssociateCredentialList(TwilioCall call, EmulatorStore store)
    {
        if (store.FindTrunk(call.AccountSid, call.TrunkSid) is null)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var listSid = call.FormValue("CredentialListSid");
        if (string.IsNullOrEmpty(listSid))
        {
            return TwilioResult.Missing("CredentialListSid");
        }

        if (store.FindCredentialList(call.AccountSid, listSid) is not { } list)
        {
            return TwilioResult.NotFound($"/2010-04-01/Accounts/{call.AccountSid}/SIP/CredentialLists/{listSid}.json");
        }

        if (store.TrunkCredentialLists.Exists(l => l.TrunkSid == call.TrunkSid && l.CredentialListSid == listSid))
        {
            return TwilioResult.BadRequest($"Credential list {listSid} is already associated with trunk {call.TrunkSid}");
        }

        var link = new TrunkCredentialListLink(call.TrunkSid, listSid, call.Now);
        store.TrunkCredentialLists.Add(link);
        return TwilioResult.Created(TwilioJson.TrunkCredentialList(link, list));
    }

    public static TwilioResult ListTrunkCredentialLists(TwilioCall call, EmulatorStore store)
    {
        if (store.FindTrunk(call.AccountSid, call.TrunkSid) is null)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var links = store.TrunkCredentialLists.FindAll(l => l.TrunkSid == call.TrunkSid);
        return Paging.V1(call, "credential_lists", links, l => TwilioJson.TrunkCredentialList(l, store.FindCredentialList(call.AccountSid, l.CredentialListSid)!), l => l.CredentialListSid);
    }

    public static TwilioResult FetchTrunkCredentialList(TwilioCall call, EmulatorStore store) =>
        FindLink(call, store) is { } link
            ? TwilioResult.Ok(TwilioJson.TrunkCredentialList(link, store.FindCredentialList(call.AccountSid, link.CredentialListSid)!))
            : TwilioResult.NotFound(call.Path);

    public static TwilioResult DisassociateCredentialList(TwilioCall call, EmulatorStore store)
    {
        if (FindLink(call, store) is not { } link)
        {
            return TwilioResult.NotFound(call.Path);
        }

        store.TrunkCredentialLists.Remove(link);
        return TwilioResult.NoContent;
    }

    public static TwilioResult AttachPhoneNumber(TwilioCall call, EmulatorStore store)
    {
        if (store.FindTrunk(call.AccountSid, call.TrunkSid) is null)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var numberSid = call.FormValue("PhoneNumberSid");
        if (string.IsNullOrEmpty(numberSid))
        {
            return TwilioResult.Missing("PhoneNumberSid");
        }

        if (store.FindPhoneNumber(call.AccountSid, numberSid) is not { } number)
        {
            return TwilioResult.NotFound($"/2010-04-01/Accounts/{call.AccountSid}/IncomingPhoneNumbers/{numberSid}.json");
        }

        if (number.TrunkSid is { } current)
        {
            return TwilioResult.BadRequest($"Phone number {numberSid} is already associated with trunk {current}");
        }

        var attached = number with { TrunkSid = call.TrunkSid, DateUpdated = call.Now };
        EmulatorStore.Replace(store.PhoneNumbers, p => p.Sid, attached);
        return TwilioResult.Created(TwilioJson.TrunkPhoneNumber(attached));
    }

    public static TwilioResult ListTrunkPhoneNumbers(TwilioCall call, EmulatorStore store) =>
        store.FindTrunk(call.AccountSid, call.TrunkSid) is null
            ? TwilioResult.NotFound(call.Path)
            : Paging.V1(call, "phone_numbers", store.PhoneNumbers.FindAll(p => p.TrunkSid == call.TrunkSid), TwilioJson.TrunkPhoneNumber, p => p.Sid);

    public static TwilioResult FetchTrunkPhoneNumber(TwilioCall call, EmulatorStore store) =>
        FindAttachedNumber(call, store) is { } number ? TwilioResult.Ok(TwilioJson.TrunkPhoneNumber(number)) : TwilioResult.NotFound(call.Path);

    public static TwilioResult DetachPhoneNumber(TwilioCall call, EmulatorStore store)
    {
        if (FindAttachedNumber(call, store) is not { } number)
        {
            return TwilioResult.NotFound(call.Path);
        }

        EmulatorStore.Replace(store.PhoneNumbers, p => p.Sid, number with { TrunkSid = null, DateUpdated = call.Now });
        return TwilioResult.NoContent;
    }

    public static TwilioResult CreateOriginationUrl(TwilioCall call, EmulatorStore store)
    {
        if (store.FindTrunk(call.AccountSid, call.TrunkSid) is null)
        {
            return TwilioResult.NotFound(call.Path);
        }

        foreach (var required in OriginationUrlFields)
        {
            if (string.IsNullOrEmpty(call.FormValue(required)))
            {
                return TwilioResult.Missing(required);
            }
        }

        var draft = new EmulatedOriginationUrl
        {
            Sid = Sids.New("OU"),
            AccountSid = call.AccountSid,
            TrunkSid = call.TrunkSid,
            FriendlyName = "",
            SipUrl = "",
            DateCreated = call.Now,
            DateUpdated = call.Now,
        };
        var (url, error) = Apply(call, draft);
        if (error is not null)
        {
            return error;
        }

        store.OriginationUrls.Add(url);
        return TwilioResult.Created(TwilioJson.OriginationUrl(url));
    }

    /// <summary>Partial update: only the fields sent change, each with the create rules; nothing changes when one is refused.</summary>
    public static TwilioResult UpdateOriginationUrl(TwilioCall call, EmulatorStore store)
    {
        if (FindOriginationUrl(call, store) is not { } existing)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var (url, error) = Apply(call, existing with { DateUpdated = call.Now });
        if (error is not null)
        {
            return error;
        }

        EmulatorStore.Replace(store.OriginationUrls, o => o.Sid, url);
        return TwilioResult.Ok(TwilioJson.OriginationUrl(url));
    }

    public static TwilioResult ListOriginationUrls(TwilioCall call, EmulatorStore store) =>
        store.FindTrunk(call.AccountSid, call.TrunkSid) is null
            ? TwilioResult.NotFound(call.Path)
            : Paging.V1(call, "origination_urls", store.OriginationUrls.FindAll(o => o.TrunkSid == call.TrunkSid), TwilioJson.OriginationUrl, o => o.Sid);

    public static TwilioResult FetchOriginationUrl(TwilioCall call, EmulatorStore store) =>
        FindOriginationUrl(call, store) is { } url ? TwilioResult.Ok(TwilioJson.OriginationUrl(url)) : TwilioResult.NotFound(call.Path);

    public static TwilioResult DeleteOriginationUrl(TwilioCall call, EmulatorStore store)
    {
        if (FindOriginationUrl(call, store) is not { } url)
        {
            return TwilioResult.NotFound(call.Path);
        }

        store.OriginationUrls.Remove(url);
        return TwilioResult.NoContent;
    }

    /// <summary>Applies the create/update form fields to <paramref name="trunk"/>, validating each.</summary>
    private static (EmulatedTrunk Trunk, TwilioResult? Error) Apply(TwilioCall call, EmulatorStore store, EmulatedTrunk trunk)
    {
        var transferMode = trunk.TransferMode;
        var transferCallerId = trunk.TransferCallerId;
        var recoveryMethod = trunk.DisasterRecoveryMethod;
        var secure = trunk.Secure;
        var cnam = trunk.CnamLookupEnabled;
        var friendlyName = call.FormValue("FriendlyName") ?? trunk.FriendlyName;
        var recoveryUrl = call.FormValue("DisasterRecoveryUrl") is { } rawUrl ? NullIfEmpty(rawUrl) : trunk.DisasterRecoveryUrl;
        var domain = call.FormValue("DomainName") is { } rawDomain ? NullIfEmpty(rawDomain) : trunk.DomainName;

        var error = FormRules.FriendlyName(friendlyName)
            ?? FormRules.Choice(call, "TransferMode", TransferModes, ref transferMode)
            ?? FormRules.Choice(call, "TransferCallerId", TransferCallerIds, ref transferCallerId)
            ?? FormRules.Choice(call, "DisasterRecoveryMethod", HttpMethods, ref recoveryMethod)
            ?? FormRules.Bool(call, "Secure", ref secure)
            ?? FormRules.Bool(call, "CnamLookupEnabled", ref cnam)
            ?? CheckRecoveryUrl(recoveryUrl)
            ?? CheckDomain(store, domain, trunk.Sid);
        return (trunk with
        {
            FriendlyName = friendlyName,
            DomainName = domain,
            TransferMode = transferMode,
            TransferCallerId = transferCallerId,
            DisasterRecoveryMethod = recoveryMethod,
            DisasterRecoveryUrl = recoveryUrl,
            Secure = secure,
            CnamLookupEnabled = cnam,
        }, error);
    }

    /// <summary>Applies the origination-url form fields sent to <paramref name="url"/>, validating each (trunking v1 rules).</summary>
    private static (EmulatedOriginationUrl Url, TwilioResult? Error) Apply(TwilioCall call, EmulatedOriginationUrl url)
    {
        int weight = url.Weight, priority = url.Priority;
        var enabled = url.Enabled;
        var friendlyName = call.FormValue("FriendlyName") ?? url.FriendlyName;
        var sipUrl = call.FormValue("SipUrl") ?? url.SipUrl;
        var error = FormRules.Int(call, "Weight", 1, 65535, ref weight)
            ?? FormRules.Int(call, "Priority", 0, 65535, ref priority)
            ?? FormRules.Bool(call, "Enabled", ref enabled)
            ?? FormRules.FriendlyName(friendlyName)
            ?? CheckSipUrl(sipUrl);
        return (url with { Weight = weight, Priority = priority, Enabled = enabled, FriendlyName = friendlyName, SipUrl = sipUrl }, error);
    }

    /// <summary>Twilio takes only <c>sip:</c> URIs; <c>sips:</c> is explicitly unsupported (TLS is asked for with <c>;transport=tls</c>).</summary>
    private static TwilioResult? CheckSipUrl(string sipUrl)
    {
        if (sipUrl.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return TwilioResult.BadRequest($"SipUrl '{sipUrl}' is invalid: the sips: scheme is not supported, use a sip: URI with ;transport=tls");
        }

        return sipUrl.Length > "sip:".Length && sipUrl.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) && !sipUrl.Any(char.IsWhiteSpace)
            ? null
            : TwilioResult.BadRequest($"SipUrl must be a sip: URI, got '{sipUrl}'");
    }

    private static TwilioResult? CheckDomain(EmulatorStore store, string? domain, string trunkSid)
    {
        if (domain is null)
        {
            return null;
        }

        if (domain.Length > 253 || !DomainPattern.IsMatch(domain))
        {
            return TwilioResult.BadRequest(
                $"DomainName '{domain}' is invalid: it may contain only letters, digits and '-' labels and must end with 'pstn.twilio.com'",
                TwilioErrorCodes.InvalidTrunkDomainName);
        }

        return store.Trunks.Exists(t => t.Sid != trunkSid && string.Equals(t.DomainName, domain, StringComparison.OrdinalIgnoreCase))
            ? TwilioResult.BadRequest("Trunk Domain already taken", TwilioErrorCodes.TrunkDomainAlreadyTaken)
            : null;
    }

    private static TwilioResult? CheckRecoveryUrl(string? url) =>
        url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            ? null
            : TwilioResult.BadRequest($"DisasterRecoveryUrl must be an absolute http(s) URL, got '{url}'");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static System.Text.Json.Nodes.JsonObject Render(EmulatorStore store, EmulatedTrunk trunk) =>
        TwilioJson.Trunk(trunk, store.TrunkCredentialLists.Exists(l => l.TrunkSid == trunk.Sid));

    private static TrunkCredentialListLink? FindLink(TwilioCall call, EmulatorStore store) =>
        store.FindTrunk(call.AccountSid, call.TrunkSid) is null
            ? null
            : store.TrunkCredentialLists.Find(l => l.TrunkSid == call.TrunkSid && l.CredentialListSid == call.Sid);

    private static EmulatedPhoneNumber? FindAttachedNumber(TwilioCall call, EmulatorStore store) =>
        store.FindTrunk(call.AccountSid, call.TrunkSid) is null
            ? null
            : store.PhoneNumbers.Find(p => p.Sid == call.Sid && p.TrunkSid == call.TrunkSid && p.AccountSid == call.AccountSid);

    private static EmulatedOriginationUrl? FindOriginationUrl(TwilioCall call, EmulatorStore store) =>
        store.OriginationUrls.Find(o => o.Sid == call.Sid && o.TrunkSid == call.TrunkSid && o.AccountSid == call.AccountSid);
}
