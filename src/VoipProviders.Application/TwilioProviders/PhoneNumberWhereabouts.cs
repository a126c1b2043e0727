using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>Where imported numbers missing from the trunk are now in the account: shared by verification and repair.</summary>
internal static class PhoneNumberWhereabouts
{
    /// <summary>Above this many numbers missing from the trunk, one account listing is cheaper than a fetch per number.</summary>
    private const int MaxSingleNumberFetches = 20;

    /// <summary>Each number of <paramref name="missing"/> as the account has it now: null when the account no longer has it.</summary>
    public static async Task<Dictionary<string, TwilioIncomingNumber?>> FindAsync(
        ITwilioGateway twilio,
        TwilioCredentials credentials,
        IReadOnlyList<string> missing,
        CancellationToken cancellationToken)
    {
        if (missing.Count > MaxSingleNumberFetches)
        {
            var account = (await twilio.ListIncomingPhoneNumbersAsync(credentials, cancellationToken))
                .ToDictionary(n => n.Sid, StringComparer.Ordinal);
            return missing.ToDictionary(sid => sid, sid => account.GetValueOrDefault(sid), StringComparer.Ordinal);
        }

        var found = new Dictionary<string, TwilioIncomingNumber?>(StringComparer.Ordinal);
        foreach (var sid in missing)
        {
            found[sid] = await twilio.FindIncomingPhoneNumberAsync(credentials, sid, cancellationToken);
        }

        return found;
    }
}
