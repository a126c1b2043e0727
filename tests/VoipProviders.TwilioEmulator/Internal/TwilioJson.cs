using System.Text.Json.Nodes;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>Renders resources with the OAI shapes (api.v2010.*, trunking.v1.* and accounts.v1.* schemas).</summary>
internal static class TwilioJson
{
    public const string ApiHost = "https://api.twilio.com";
    public const string TrunkingHost = "https://trunking.twilio.com";
    public const string AccountsHost = "https://accounts.twilio.com";

    private static readonly (string Key, string Path)[] AccountSubresources =
    [
        ("available_phone_numbers", "AvailablePhoneNumbers"), ("calls", "Calls"), ("conferences", "Conferences"),
        ("incoming_phone_numbers", "IncomingPhoneNumbers"), ("notifications", "Notifications"),
        ("outgoing_caller_ids", "OutgoingCallerIds"), ("recordings", "Recordings"), ("transcriptions", "Transcriptions"),
        ("addresses", "Addresses"), ("signing_keys", "SigningKeys"), ("connect_apps", "ConnectApps"), ("sip", "SIP"),
        ("authorized_connect_apps", "AuthorizedConnectApps"), ("usage", "Usage"), ("keys", "Keys"),
        ("applications", "Applications"), ("short_codes", "SMS/ShortCodes"), ("queues", "Queues"),
        ("messages", "Messages"), ("balance", "Balance"),
    ];

    public static string AccountUri(string accountSid) => $"/2010-04-01/Accounts/{accountSid}";

    public static string TrunkUrl(string trunkSid) => $"{TrunkingHost}/v1/Trunks/{trunkSid}";

    public static JsonObject Account(EmulatedAccount account)
    {
        var uris = new JsonObject();
        foreach (var (key, path) in AccountSubresources)
        {
            uris[key] = $"{AccountUri(account.Sid)}/{path}.json";
        }

        return new JsonObject
        {
            ["auth_token"] = account.AuthToken,
            ["date_created"] = TwilioDates.Rfc2822(account.DateCreated),
            ["date_updated"] = TwilioDates.Rfc2822(account.DateUpdated),
            ["friendly_name"] = account.FriendlyName,
            ["owner_account_sid"] = account.Sid,
            ["sid"] = account.Sid,
            ["status"] = account.Status.ToString().ToLowerInvariant(),
            ["subresource_uris"] = uris,
            ["type"] = "Full",
            ["uri"] = $"{AccountUri(account.Sid)}.json",
        };
    }

    public static JsonObject CredentialList(EmulatedCredentialList list)
    {
        var uri = $"{AccountUri(list.AccountSid)}/SIP/CredentialLists/{list.Sid}";
        return new JsonObject
        {
            ["account_sid"] = list.AccountSid,
            ["date_created"] = TwilioDates.Rfc2822(list.DateCreated),
            ["date_updated"] = TwilioDates.Rfc2822(list.DateUpdated),
            ["friendly_name"] = list.FriendlyName,
            ["sid"] = list.Sid,
            ["subresource_uris"] = new JsonObject { ["credentials"] = $"{uri}/Credentials.json" },
            ["uri"] = $"{uri}.json",
        };
    }

    /// <summary>The password is never rendered.</summary>
    public static JsonObject Credential(EmulatedCredential credential) => new()
    {
        ["sid"] = credential.Sid,
        ["account_sid"] = credential.AccountSid,
        ["credential_list_sid"] = credential.CredentialListSid,
        ["username"] = credential.Username,
        ["date_created"] = TwilioDates.Rfc2822(credential.DateCreated),
        ["date_updated"] = TwilioDates.Rfc2822(credential.DateUpdated),
        ["uri"] = $"{AccountUri(credential.AccountSid)}/SIP/CredentialLists/{credential.CredentialListSid}/Credentials/{credential.Sid}.json",
    };

    public static JsonObject IncomingPhoneNumber(EmulatedPhoneNumber number)
    {
        var json = PhoneNumberCore(number, TwilioDates.Rfc2822);
        json["address_sid"] = null;
        json["identity_sid"] = null;
        json["origin"] = "twilio";
        json["uri"] = $"{AccountUri(number.AccountSid)}/IncomingPhoneNumbers/{number.Sid}.json";
        json["voice_receive_mode"] = "voice";
        json["emergency_status"] = "Inactive";
        json["emergency_address_sid"] = null;
        json["emergency_address_status"] = "unregistered";
        json["bundle_sid"] = null;
        json["status"] = "in-use";
        json["type"] = "local";
        json["capabilities"]!["fax"] = false;
        return json;
    }

    public static JsonObject TrunkPhoneNumber(EmulatedPhoneNumber number)
    {
        var json = PhoneNumberCore(number, TwilioDates.Iso8601);
        json["url"] = $"{TrunkUrl(number.TrunkSid!)}/PhoneNumbers/{number.Sid}";
        json["links"] = new JsonObject
        {
            ["phone_number"] = $"{ApiHost}{AccountUri(number.AccountSid)}/IncomingPhoneNumbers/{number.Sid}",
        };
        return json;
    }

    public static JsonObject Trunk(EmulatedTrunk trunk, bool hasCredentialLists)
    {
        var url = TrunkUrl(trunk.Sid);
        var authTypes = hasCredentialLists ? new JsonArray("CREDENTIAL_LIST") : [];
        return new JsonObject
        {
            ["account_sid"] = trunk.AccountSid,
            ["domain_name"] = trunk.DomainName,
            ["disaster_recovery_method"] = trunk.DisasterRecoveryMethod,
            ["disaster_recovery_url"] = trunk.DisasterRecoveryUrl,
            ["friendly_name"] = trunk.FriendlyName,
            ["secure"] = trunk.Secure,
            ["recording"] = new JsonObject { ["mode"] = "do-not-record", ["trim"] = "do-not-trim" },
            ["transfer_mode"] = trunk.TransferMode,
            ["transfer_caller_id"] = trunk.TransferCallerId,
            ["cnam_lookup_enabled"] = trunk.CnamLookupEnabled,
            ["auth_type"] = hasCredentialLists ? "CREDENTIAL_LIST" : "",
            ["symmetric_rtp_enabled"] = false,
            ["auth_type_set"] = authTypes,
            ["date_created"] = TwilioDates.Iso8601(trunk.DateCreated),
            ["date_updated"] = TwilioDates.Iso8601(trunk.DateUpdated),
            ["sid"] = trunk.Sid,
            ["url"] = url,
            ["links"] = new JsonObject
            {
                ["origination_urls"] = $"{url}/OriginationUrls",
                ["credential_lists"] = $"{url}/CredentialLists",
                ["ip_access_control_lists"] = $"{url}/IpAccessControlLists",
                ["phone_numbers"] = $"{url}/PhoneNumbers",
            },
        };
    }

    public static JsonObject TrunkCredentialList(TrunkCredentialListLink link, EmulatedCredentialList list) => new()
    {
        ["account_sid"] = list.AccountSid,
        ["sid"] = list.Sid,
        ["trunk_sid"] = link.TrunkSid,
        ["friendly_name"] = list.FriendlyName,
        ["date_created"] = TwilioDates.Iso8601(link.DateCreated),
        ["date_updated"] = TwilioDates.Iso8601(link.DateCreated),
        ["url"] = $"{TrunkUrl(link.TrunkSid)}/CredentialLists/{list.Sid}",
    };

    public static JsonObject OriginationUrl(EmulatedOriginationUrl url) => new()
    {
        ["account_sid"] = url.AccountSid,
        ["sid"] = url.Sid,
        ["trunk_sid"] = url.TrunkSid,
        ["weight"] = url.Weight,
        ["enabled"] = url.Enabled,
        ["sip_url"] = url.SipUrl,
        ["friendly_name"] = url.FriendlyName,
        ["priority"] = url.Priority,
        ["date_created"] = TwilioDates.Iso8601(url.DateCreated),
        ["date_updated"] = TwilioDates.Iso8601(url.DateUpdated),
        ["url"] = $"{TrunkUrl(url.TrunkSid)}/OriginationUrls/{url.Sid}",
    };

    /// <summary>accounts.v1.secondary_auth_token: the only time the token is shown.</summary>
    public static JsonObject SecondaryAuthToken(string accountSid, string token, DateTimeOffset dateCreated, DateTimeOffset dateUpdated) => new()
    {
        ["account_sid"] = accountSid,
        ["date_created"] = TwilioDates.Iso8601(dateCreated),
        ["date_updated"] = TwilioDates.Iso8601(dateUpdated),
        ["secondary_auth_token"] = token,
        ["url"] = $"{AccountsHost}/v1/AuthTokens/Secondary",
    };

    /// <summary>accounts.v1.auth_token_promotion.</summary>
    public static JsonObject AuthTokenPromotion(string accountSid, string token, DateTimeOffset dateCreated, DateTimeOffset dateUpdated) => new()
    {
        ["account_sid"] = accountSid,
        ["auth_token"] = token,
        ["date_created"] = TwilioDates.Iso8601(dateCreated),
        ["date_updated"] = TwilioDates.Iso8601(dateUpdated),
        ["url"] = $"{AccountsHost}/v1/AuthTokens/Promote",
    };

    /// <summary>Fields shared by api.v2010.account.incoming_phone_number and trunking.v1.trunk.phone_number.</summary>
    private static JsonObject PhoneNumberCore(EmulatedPhoneNumber number, Func<DateTimeOffset, string> date) => new()
    {
        ["account_sid"] = number.AccountSid,
        ["address_requirements"] = "none",
        ["api_version"] = "2010-04-01",
        ["beta"] = false,
        ["capabilities"] = new JsonObject { ["voice"] = true, ["sms"] = true, ["mms"] = true },
        ["date_created"] = date(number.DateCreated),
        ["date_updated"] = date(number.DateUpdated),
        ["friendly_name"] = number.FriendlyName,
        ["phone_number"] = number.PhoneNumber,
        ["sid"] = number.Sid,
        ["sms_application_sid"] = "",
        ["sms_fallback_method"] = "POST",
        ["sms_fallback_url"] = "",
        ["sms_method"] = "POST",
        ["sms_url"] = "",
        ["status_callback"] = "",
        ["status_callback_method"] = "POST",
        ["trunk_sid"] = number.TrunkSid,
        ["voice_application_sid"] = "",
        ["voice_caller_id_lookup"] = false,
        ["voice_fallback_method"] = "POST",
        ["voice_fallback_url"] = null,
        ["voice_method"] = "POST",
        ["voice_url"] = null,
    };
}
