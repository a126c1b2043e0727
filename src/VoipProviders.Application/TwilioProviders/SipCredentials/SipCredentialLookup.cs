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

    /// <summary>
    /// Best effort after a create whose outcome is unknown: finds the credential by its username and deletes it, within
    /// <paramref name="budget"/>. The retirement job queued before the create is the safety net when this fails.
    /// </summary>
    /// <returns>The failure that stopped the clean-up, for the caller to log; null when nothing was left behind.</returns>
    public static async Task<Exception?> TryDeleteSipCredentialByUsernameAsync(
        this ITwilioGateway twilio,
        TwilioCredentials credentials,
        string credentialListSid,
        string username,
        TimeSpan budget,
        TimeProvider timeProvider)
    {
        using var deadline = new CancellationTokenSource(budget, timeProvider);
        try
        {
            if (await twilio.FindSipCredentialSidAsync(credentials, credentialListSid, username, deadline.Token) is { } createdSid)
            {
                await twilio.DeleteSipCredentialAsync(credentials, credentialListSid, createdSid, deadline.Token);
            }

            return null;
        }
#pragma warning disable CA1031 // Best effort: the retirement job queued before the create deletes it later.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return exception;
        }
    }
}
