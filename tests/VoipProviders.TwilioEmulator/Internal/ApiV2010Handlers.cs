using System.Text.RegularExpressions;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>api.twilio.com/2010-04-01: account, SIP credential lists and credentials, incoming phone numbers.</summary>
internal static class ApiV2010Handlers
{
    private const string PasswordRule =
        "Password must be at least 12 characters long and contain at least one digit, one uppercase and one lowercase letter";

    private static readonly Regex UsernamePattern = new("^[A-Za-z0-9._-]{1,32}$", RegexOptions.CultureInvariant);

    public static TwilioResult FetchAccount(TwilioCall call, EmulatorStore store) =>
        store.FindAccount(call.AccountSid) is { } account ? TwilioResult.Ok(TwilioJson.Account(account)) : TwilioResult.NotFound(call.Path);

    public static TwilioResult CreateCredentialList(TwilioCall call, EmulatorStore store)
    {
        var name = call.FormValue("FriendlyName");
        if (string.IsNullOrEmpty(name))
        {
            return TwilioResult.Missing("FriendlyName");
        }

        if (FormRules.FriendlyName(name) is { } error)
        {
            return error;
        }

        var list = new EmulatedCredentialList
        {
            Sid = Sids.New("CL"),
            AccountSid = call.AccountSid,
            FriendlyName = name,
            DateCreated = call.Now,
            DateUpdated = call.Now,
        };
        store.CredentialLists.Add(list);
        return TwilioResult.Created(TwilioJson.CredentialList(list));
    }

    public static TwilioResult ListCredentialLists(TwilioCall call, EmulatorStore store) =>
        Paging.V2010(call, "credential_lists", store.CredentialLists.FindAll(c => c.AccountSid == call.AccountSid), TwilioJson.CredentialList, c => c.Sid);

    public static TwilioResult FetchCredentialList(TwilioCall call, EmulatorStore store) =>
        store.FindCredentialList(call.AccountSid, call.Sid) is { } list ? TwilioResult.Ok(TwilioJson.CredentialList(list)) : TwilioResult.NotFound(call.Path);

    public static TwilioResult UpdateCredentialList(TwilioCall call, EmulatorStore store)
    {
        if (store.FindCredentialList(call.AccountSid, call.Sid) is not { } list)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var name = call.FormValue("FriendlyName");
        if (string.IsNullOrEmpty(name))
        {
            return TwilioResult.Missing("FriendlyName");
        }

        if (FormRules.FriendlyName(name) is { } error)
        {
            return error;
        }

        var updated = list with { FriendlyName = name, DateUpdated = call.Now };
        EmulatorStore.Replace(store.CredentialLists, c => c.Sid, updated);
        return TwilioResult.Ok(TwilioJson.CredentialList(updated));
    }

    /// <summary>Also removes the list's credentials and its trunk associations.</summary>
    public static TwilioResult DeleteCredentialList(TwilioCall call, EmulatorStore store)
    {
        if (store.FindCredentialList(call.AccountSid, call.Sid) is not { } list)
        {
            return TwilioResult.NotFound(call.Path);
        }

        store.CredentialLists.Remove(list);
        store.Credentials.RemoveAll(c => c.CredentialListSid == list.Sid);
        store.TrunkCredentialLists.RemoveAll(l => l.CredentialListSid == list.Sid);
        return TwilioResult.NoContent;
    }

    public static TwilioResult CreateCredential(TwilioCall call, EmulatorStore store)
    {
        var listSid = call.Route["CredentialListSid"];
        if (store.FindCredentialList(call.AccountSid, listSid) is null)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var username = call.FormValue("Username");
        var password = call.FormValue("Password");
        if (string.IsNullOrEmpty(username))
        {
            return TwilioResult.Missing("Username");
        }

        if (string.IsNullOrEmpty(password))
        {
            return TwilioResult.Missing("Password");
        }

        if (!UsernamePattern.IsMatch(username))
        {
            return TwilioResult.BadRequest("Username must be 1 to 32 characters of letters, digits, '.', '_' or '-'");
        }

        if (store.Credentials.Exists(c => c.CredentialListSid == listSid && string.Equals(c.Username, username, StringComparison.OrdinalIgnoreCase)))
        {
            return TwilioResult.BadRequest($"A credential with username '{username}' already exists in credential list {listSid}");
        }

        if (CheckPassword(password) is { } weak)
        {
            return weak;
        }

        var credential = new EmulatedCredential
        {
            Sid = Sids.New("CR"),
            AccountSid = call.AccountSid,
            CredentialListSid = listSid,
            Username = username,
            Password = password,
            DateCreated = call.Now,
            DateUpdated = call.Now,
        };
        store.Credentials.Add(credential);
        return TwilioResult.Created(TwilioJson.Credential(credential));
    }

    public static TwilioResult ListCredentials(TwilioCall call, EmulatorStore store)
    {
        var listSid = call.Route["CredentialListSid"];
        return store.FindCredentialList(call.AccountSid, listSid) is null
            ? TwilioResult.NotFound(call.Path)
            : Paging.V2010(call, "credentials", store.Credentials.FindAll(c => c.CredentialListSid == listSid), TwilioJson.Credential, c => c.Sid);
    }

    public static TwilioResult FetchCredential(TwilioCall call, EmulatorStore store) =>
        FindCredential(call, store) is { } credential ? TwilioResult.Ok(TwilioJson.Credential(credential)) : TwilioResult.NotFound(call.Path);

    public static TwilioResult UpdateCredential(TwilioCall call, EmulatorStore store)
    {
        if (FindCredential(call, store) is not { } credential)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var password = call.FormValue("Password");
        if (string.IsNullOrEmpty(password))
        {
            return TwilioResult.Missing("Password");
        }

        if (CheckPassword(password) is { } weak)
        {
            return weak;
        }

        var updated = credential with { Password = password, DateUpdated = call.Now };
        EmulatorStore.Replace(store.Credentials, c => c.Sid, updated);
        return TwilioResult.Ok(TwilioJson.Credential(updated));
    }

    public static TwilioResult DeleteCredential(TwilioCall call, EmulatorStore store)
    {
        if (FindCredential(call, store) is not { } credential)
        {
            return TwilioResult.NotFound(call.Path);
        }

        store.Credentials.Remove(credential);
        return TwilioResult.NoContent;
    }

    public static TwilioResult ListIncomingPhoneNumbers(TwilioCall call, EmulatorStore store)
    {
        var phoneFilter = call.Query.GetValueOrDefault("PhoneNumber");
        var nameFilter = call.Query.GetValueOrDefault("FriendlyName");
        var numbers = store.PhoneNumbers.FindAll(p =>
            p.AccountSid == call.AccountSid
            && (string.IsNullOrEmpty(phoneFilter) || MatchesNumber(p.PhoneNumber, phoneFilter))
            && (string.IsNullOrEmpty(nameFilter) || p.FriendlyName == nameFilter));
        return Paging.V2010(
            call, "incoming_phone_numbers", numbers, TwilioJson.IncomingPhoneNumber, p => p.Sid, ("FriendlyName", nameFilter), ("PhoneNumber", phoneFilter));
    }

    public static TwilioResult FetchIncomingPhoneNumber(TwilioCall call, EmulatorStore store) =>
        store.FindPhoneNumber(call.AccountSid, call.Sid) is { } number ? TwilioResult.Ok(TwilioJson.IncomingPhoneNumber(number)) : TwilioResult.NotFound(call.Path);

    /// <summary>Supports FriendlyName and TrunkSid (a TK of the account attaches, an empty value detaches).</summary>
    public static TwilioResult UpdateIncomingPhoneNumber(TwilioCall call, EmulatorStore store)
    {
        if (store.FindPhoneNumber(call.AccountSid, call.Sid) is not { } number)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var updated = number with { DateUpdated = call.Now };
        if (call.FormValue("FriendlyName") is { } name)
        {
            if (FormRules.FriendlyName(name) is { } error)
            {
                return error;
            }

            updated = updated with { FriendlyName = name };
        }

        if (call.FormValue("TrunkSid") is { } trunkSid)
        {
            if (trunkSid.Length > 0 && store.FindTrunk(call.AccountSid, trunkSid) is null)
            {
                return TwilioResult.BadRequest($"TrunkSid {trunkSid} is not a trunk of account {call.AccountSid}");
            }

            updated = updated with { TrunkSid = trunkSid.Length > 0 ? trunkSid : null };
        }

        EmulatorStore.Replace(store.PhoneNumbers, p => p.Sid, updated);
        return TwilioResult.Ok(TwilioJson.IncomingPhoneNumber(updated));
    }

    /// <summary>
    /// Releases the number: it is no longer the account's and, since a trunk attachment is the number's own trunk_sid,
    /// no trunk lists it any more either.
    /// </summary>
    public static TwilioResult DeleteIncomingPhoneNumber(TwilioCall call, EmulatorStore store)
    {
        if (store.FindPhoneNumber(call.AccountSid, call.Sid) is not { } number)
        {
            return TwilioResult.NotFound(call.Path);
        }

        store.PhoneNumbers.Remove(number);
        return TwilioResult.NoContent;
    }

    private static EmulatedCredential? FindCredential(TwilioCall call, EmulatorStore store) =>
        store.Credentials.Find(c => c.Sid == call.Sid && c.CredentialListSid == call.Route["CredentialListSid"] && c.AccountSid == call.AccountSid);

    private static TwilioResult? CheckPassword(string password) =>
        password.Length >= 12 && password.Any(char.IsAsciiDigit) && password.Any(char.IsAsciiLetterUpper) && password.Any(char.IsAsciiLetterLower)
            ? null
            : TwilioResult.BadRequest(PasswordRule);

    /// <summary>Twilio matches partial numbers; '*' stands for any one digit.</summary>
    private static bool MatchesNumber(string e164, string filter)
    {
        var pattern = Regex.Escape(filter.Trim()).Replace(@"\*", "[0-9]", StringComparison.Ordinal);
        return Regex.IsMatch(e164, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
