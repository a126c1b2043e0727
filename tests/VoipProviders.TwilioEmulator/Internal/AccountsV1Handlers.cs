namespace VoipProviders.TwilioEmulator.Internal;

/// <summary>
/// accounts.twilio.com/v1: the account's secondary Auth Token and its promotion. The account is the one the request
/// authenticated as (there is no SID in these paths). Twilio does not document the error cases; the emulator answers
/// 409/20409 for a second secondary and 404/20404 for a missing one (see README).
/// </summary>
internal static class AccountsV1Handlers
{
    public const string SecondaryExistsMessage = "A secondary Auth Token already exists for this account.";

    public static TwilioResult CreateSecondaryAuthToken(TwilioCall call, EmulatorStore store)
    {
        if (store.FindAccount(call.AccountSid) is not { } account)
        {
            return TwilioResult.NotFound(call.Path);
        }

        if (account.SecondaryAuthToken is not null)
        {
            return TwilioResult.Error(StatusCodes.Status409Conflict, TwilioErrorCodes.Conflict, SecondaryExistsMessage);
        }

        var token = NewTokenUnlike(account.AuthToken);
        EmulatorStore.Replace(store.Accounts, a => a.Sid, account with { SecondaryAuthToken = token, SecondaryAuthTokenDateCreated = call.Now });
        return TwilioResult.Created(TwilioJson.SecondaryAuthToken(account.Sid, token, call.Now, call.Now));
    }

    public static TwilioResult DeleteSecondaryAuthToken(TwilioCall call, EmulatorStore store)
    {
        if (store.FindAccount(call.AccountSid) is not { SecondaryAuthToken: not null } account)
        {
            return TwilioResult.NotFound(call.Path);
        }

        EmulatorStore.Replace(store.Accounts, a => a.Sid, account with { SecondaryAuthToken = null, SecondaryAuthTokenDateCreated = null });
        return TwilioResult.NoContent;
    }

    /// <summary>The secondary becomes the primary; the old primary is forgotten, so it fails (401/20003) from the next request on.</summary>
    public static TwilioResult PromoteAuthToken(TwilioCall call, EmulatorStore store)
    {
        if (store.FindAccount(call.AccountSid) is not { SecondaryAuthToken: { } token } account)
        {
            return TwilioResult.NotFound(call.Path);
        }

        var created = account.SecondaryAuthTokenDateCreated ?? call.Now;
        EmulatorStore.Replace(store.Accounts, a => a.Sid, account with
        {
            AuthToken = token,
            SecondaryAuthToken = null,
            SecondaryAuthTokenDateCreated = null,
            DateUpdated = call.Now,
        });
        return TwilioResult.Ok(TwilioJson.AuthTokenPromotion(account.Sid, token, created, call.Now));
    }

    private static string NewTokenUnlike(string primary)
    {
        var token = Sids.NewToken();
        while (string.Equals(token, primary, StringComparison.Ordinal))
        {
            token = Sids.NewToken();
        }

        return token;
    }
}
