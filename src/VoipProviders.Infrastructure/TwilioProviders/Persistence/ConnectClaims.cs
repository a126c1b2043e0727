using Microsoft.EntityFrameworkCore;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>
/// <see cref="IConnectClaims"/> as a conditional upsert on <c>provider_connect_claims</c>: taken when free or expired,
/// committed at once. A claim lasts longer than the slowest create can take (every Twilio step at its total timeout).
/// Safe to send again: a retry finds its own claim and takes it.
/// </summary>
internal sealed class ConnectClaims(VoipProvidersDbContext dbContext, TimeProvider timeProvider) : IConnectClaims
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(5);

    public async Task<Guid?> TryClaimAsync(OrganizationId organizationId, AccountSid accountSid, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        // Chosen before the first attempt: the execution strategy sends the statement again after a lost answer, and a
        // claim that already holds this id is this claim, taken by the attempt whose answer was lost.
        var claimId = Guid.CreateVersion7(now);
        var until = now + Duration;
        var claimed = await dbContext.Database.SqlQuery<Guid>($"""
            INSERT INTO voip_providers.provider_connect_claims (organization_id, account_sid, claim_id, claimed_until)
            VALUES ({organizationId.Value}, {accountSid.Value}, {claimId}, {until})
            ON CONFLICT (organization_id, account_sid) DO UPDATE
                SET claim_id = excluded.claim_id, claimed_until = excluded.claimed_until
                WHERE provider_connect_claims.claimed_until < {now} OR provider_connect_claims.claim_id = {claimId}
            RETURNING claim_id AS "Value"
            """).ToListAsync(cancellationToken);
        return claimed.Count == 1 ? claimId : null;
    }

    public Task ReleaseAsync(OrganizationId organizationId, AccountSid accountSid, Guid claimId, CancellationToken cancellationToken) =>
        dbContext.Set<ConnectClaim>()
            .Where(c => c.OrganizationId == organizationId && c.AccountSid == accountSid && c.ClaimId == claimId)
            .ExecuteDeleteAsync(cancellationToken);
}
