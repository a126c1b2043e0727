using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.TwilioProviders.SipCredentials;

/// <summary>Finds a SIP credential by its username, for a create whose SID never reached us (a lost answer, a crash).</summary>
internal static class SipCredentialLookup
{
    /// <returns>The credential's SID, or null when the list has no credential with that username (or no longer exists).</returns>
    public static async Task<string?> FindSipCredentialSidAsync(
        this ITwilioGateway twilio,
        TwilioCredentials credentials,
        string credentialListSid,
        string username,
        CancellationToken cancellationToken) =>
        (await twilio.ListSipCredentialsAsync(credentials, credentialListSid, cancellationToken))?
            .FirstOrDefault(c => string.Equals(c.Username, username, StringComparison.Ordinal))?.Sid;
}
