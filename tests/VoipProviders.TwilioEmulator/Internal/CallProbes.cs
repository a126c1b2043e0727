namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>
/// What Twilio would do with SIP traffic on the emulated trunks: route an inbound (origination) call, authenticate an outbound
/// (termination) call. Runs under <see cref="TwilioEmulatorState"/>'s lock.
/// </summary>
internal static class CallProbes
{
    public static InboundCallRoute RouteInboundCall(EmulatorStore store, string phoneNumber)
    {
        var route = new InboundCallRoute { PhoneNumber = phoneNumber };
        if (store.PhoneNumbers.Find(p => p.PhoneNumber == phoneNumber) is not { } number)
        {
            return route with { ErrorCode = TwilioErrorCodes.NotFound, ErrorMessage = $"No account has the incoming phone number {phoneNumber}" };
        }

        route = route with { PhoneNumberSid = number.Sid };
        if (number.TrunkSid is null || store.FindTrunk(number.AccountSid, number.TrunkSid) is not { } trunk)
        {
            return route with
            {
                ErrorCode = TwilioErrorCodes.NoActiveOriginationUrl,
                ErrorMessage = $"Phone number {phoneNumber} ({number.Sid}) is not associated with a trunk, so there is no active origination URL",
            };
        }

        route = route with { TrunkSid = trunk.Sid, Secure = trunk.Secure };
        var enabled = store.OriginationUrls.FindAll(o => o.TrunkSid == trunk.Sid && o.Enabled);
        if (enabled.Count == 0)
        {
            return route with
            {
                ErrorCode = TwilioErrorCodes.NoActiveOriginationUrl,
                ErrorMessage = $"Trunk {trunk.Sid} has no enabled origination URL",
            };
        }

        var best = enabled.Min(o => o.Priority);
        EmulatedOriginationUrl[] candidates = [.. enabled.Where(o => o.Priority == best)];
        string[] withoutTls = trunk.Secure ? [.. candidates.Where(o => !SipUris.UsesTls(o.SipUrl)).Select(o => o.Sid)] : [];
        route = route with { Candidates = candidates, CandidatesWithoutTls = withoutTls };
        return withoutTls.Length == 0
            ? route
            : route with
            {
                ErrorCode = TwilioErrorCodes.OriginationTlsRequired,
                ErrorMessage = $"Trunk {trunk.Sid} is secure but origination URL {string.Join(", ", withoutTls)} has no ;transport=tls",
            };
    }

    public static bool AuthenticatesSipCall(EmulatorStore store, string terminationHost, string username, string password)
    {
        var host = SipUris.Host(terminationHost);
        var trunkSids = store.Trunks.Where(t => SipUris.IsTerminationHostOf(t.DomainName, host)).Select(t => t.Sid).ToHashSet(StringComparer.Ordinal);
        var listSids = store.TrunkCredentialLists.Where(l => trunkSids.Contains(l.TrunkSid)).Select(l => l.CredentialListSid).ToHashSet(StringComparer.Ordinal);
        return store.Credentials.Exists(c =>
            listSids.Contains(c.CredentialListSid)
            && string.Equals(c.Username, username, StringComparison.Ordinal)
            && string.Equals(c.Password, password, StringComparison.Ordinal));
    }
}
