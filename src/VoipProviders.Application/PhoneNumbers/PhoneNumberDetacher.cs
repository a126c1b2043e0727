using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.PhoneNumbers;

/// <summary>
/// Detaches many numbers from a trunk at once, as an import that did not commit must: <c>PhoneNumbers:MaxParallelAttaches</c>
/// at a time, and never more in flight than the account's Twilio concurrency limit (<c>Twilio:MaxConcurrentRequestsPerAccount</c>,
/// enforced by the gateway for every call of the account) lets through. A number that is not attached (any more) counts
/// as detached; a failure of one number does not stop the others.
/// </summary>
public sealed class PhoneNumberDetacher(ITwilioGateway twilio, IOptions<PhoneNumberOptions> options)
{
    /// <returns>The numbers Twilio did not detach, each with its failure.</returns>
    public async Task<IReadOnlyDictionary<string, TwilioGatewayException>> DetachAsync(
        TwilioCredentials credentials,
        string trunkSid,
        IReadOnlyCollection<string> phoneNumberSids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneNumberSids);
        var failures = new ConcurrentDictionary<string, TwilioGatewayException>(StringComparer.Ordinal);
        if (phoneNumberSids.Count == 0)
        {
            return failures;
        }

        await Parallel.ForEachAsync(
            phoneNumberSids,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelAttaches, CancellationToken = cancellationToken },
            async (sid, token) =>
            {
                try
                {
                    await twilio.DetachPhoneNumberAsync(credentials, trunkSid, sid, token);
                }
                catch (TwilioGatewayException failure)
                {
                    failures[sid] = failure;
                }
            });
        return failures;
    }
}
