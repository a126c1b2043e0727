using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// Makes connecting an account exclusive while it is in flight: two requests connecting the same Account SID in one
/// organization must not both build a trunk in the tenant's account. A claim is committed at once (before any Twilio
/// call), released when the create commits or fails, and expires by itself if the process dies holding it.
/// </summary>
public interface IConnectClaims
{
    /// <returns>The claim's id, or null when another request holds an unexpired claim on the account.</returns>
    Task<Guid?> TryClaimAsync(OrganizationId organizationId, AccountSid accountSid, CancellationToken cancellationToken);

    /// <summary>Releases the claim (only this one: an expired claim another request took since stays).</summary>
    Task ReleaseAsync(OrganizationId organizationId, AccountSid accountSid, Guid claimId, CancellationToken cancellationToken);
}
