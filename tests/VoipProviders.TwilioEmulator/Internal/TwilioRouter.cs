using System.Text.RegularExpressions;

namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>
/// Maps method + path to a <see cref="TwilioOperation"/>. The host is ignored: the paths of api (<c>/2010-04-01/…</c>),
/// trunking (<c>/v1/Trunks…</c>) and accounts (<c>/v1/AuthTokens/…</c>) do not overlap.
/// </summary>
internal static class TwilioRouter
{
    private const string Account = "/2010-04-01/Accounts/{AccountSid}";
    private const string CredentialLists = Account + "/SIP/CredentialLists";
    private const string Credentials = CredentialLists + "/{CredentialListSid}/Credentials";
    private const string Numbers = Account + "/IncomingPhoneNumbers";
    private const string Trunk = "/v1/Trunks/{TrunkSid}";
    private const string AuthTokens = "/v1/AuthTokens";

    private static readonly Regex Placeholder = new(@"\\\{(\w+)}", RegexOptions.CultureInvariant);

    private static readonly (string Method, Regex Pattern, TwilioOperation Operation)[] Routes =
    [
        Route("GET", Account + ".json", TwilioOperation.FetchAccount),
        Route("POST", CredentialLists + ".json", TwilioOperation.CreateCredentialList),
        Route("GET", CredentialLists + ".json", TwilioOperation.ListCredentialLists),
        Route("GET", CredentialLists + "/{Sid}.json", TwilioOperation.FetchCredentialList),
        Route("POST", CredentialLists + "/{Sid}.json", TwilioOperation.UpdateCredentialList),
        Route("DELETE", CredentialLists + "/{Sid}.json", TwilioOperation.DeleteCredentialList),
        Route("POST", Credentials + ".json", TwilioOperation.CreateCredential),
        Route("GET", Credentials + ".json", TwilioOperation.ListCredentials),
        Route("GET", Credentials + "/{Sid}.json", TwilioOperation.FetchCredential),
        Route("POST", Credentials + "/{Sid}.json", TwilioOperation.UpdateCredential),
        Route("DELETE", Credentials + "/{Sid}.json", TwilioOperation.DeleteCredential),
        Route("GET", Numbers + ".json", TwilioOperation.ListIncomingPhoneNumbers),
        Route("GET", Numbers + "/{Sid}.json", TwilioOperation.FetchIncomingPhoneNumber),
        Route("POST", Numbers + "/{Sid}.json", TwilioOperation.UpdateIncomingPhoneNumber),
        Route("DELETE", Numbers + "/{Sid}.json", TwilioOperation.DeleteIncomingPhoneNumber),
        Route("POST", "/v1/Trunks", TwilioOperation.CreateTrunk),
        Route("GET", "/v1/Trunks", TwilioOperation.ListTrunks),
        Route("GET", "/v1/Trunks/{Sid}", TwilioOperation.FetchTrunk),
        Route("POST", "/v1/Trunks/{Sid}", TwilioOperation.UpdateTrunk),
        Route("DELETE", "/v1/Trunks/{Sid}", TwilioOperation.DeleteTrunk),
        Route("POST", Trunk + "/CredentialLists", TwilioOperation.AssociateCredentialList),
        Route("GET", Trunk + "/CredentialLists", TwilioOperation.ListTrunkCredentialLists),
        Route("GET", Trunk + "/CredentialLists/{Sid}", TwilioOperation.FetchTrunkCredentialList),
        Route("DELETE", Trunk + "/CredentialLists/{Sid}", TwilioOperation.DisassociateCredentialList),
        Route("POST", Trunk + "/PhoneNumbers", TwilioOperation.AttachPhoneNumber),
        Route("GET", Trunk + "/PhoneNumbers", TwilioOperation.ListTrunkPhoneNumbers),
        Route("GET", Trunk + "/PhoneNumbers/{Sid}", TwilioOperation.FetchTrunkPhoneNumber),
        Route("DELETE", Trunk + "/PhoneNumbers/{Sid}", TwilioOperation.DetachPhoneNumber),
        Route("POST", Trunk + "/OriginationUrls", TwilioOperation.CreateOriginationUrl),
        Route("GET", Trunk + "/OriginationUrls", TwilioOperation.ListOriginationUrls),
        Route("GET", Trunk + "/OriginationUrls/{Sid}", TwilioOperation.FetchOriginationUrl),
        Route("POST", Trunk + "/OriginationUrls/{Sid}", TwilioOperation.UpdateOriginationUrl),
        Route("DELETE", Trunk + "/OriginationUrls/{Sid}", TwilioOperation.DeleteOriginationUrl),
        Route("POST", AuthTokens + "/Secondary", TwilioOperation.CreateSecondaryAuthToken),
        Route("DELETE", AuthTokens + "/Secondary", TwilioOperation.DeleteSecondaryAuthToken),
        Route("POST", AuthTokens + "/Promote", TwilioOperation.PromoteAuthToken),
    ];

    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    public static RouteMatch Match(string method, string path)
    {
        foreach (var (routeMethod, pattern, operation) in Routes)
        {
            if (!string.Equals(method, routeMethod, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = pattern.Match(path);
            if (match.Success)
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var group in match.Groups.Values.Where(g => g.Success && !int.TryParse(g.Name, out _)))
                {
                    values[group.Name] = group.Value;
                }

                return new RouteMatch(operation, values);
            }
        }

        return new RouteMatch(TwilioOperation.Unknown, NoValues);
    }

    /// <summary>Turns "/v1/Trunks/{TrunkSid}" into an anchored regex with one named group per placeholder.</summary>
    private static (string, Regex, TwilioOperation) Route(string method, string template, TwilioOperation operation)
    {
        var pattern = Placeholder.Replace(Regex.Escape(template), m => $"(?<{m.Groups[1].Value}>[^/]+?)");
        return (method, new Regex($"^{pattern}$", RegexOptions.CultureInvariant), operation);
    }
}
