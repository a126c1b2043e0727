using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>An account being connected right now in an organization, until <see cref="ClaimedUntil"/> (see IConnectClaims).</summary>
internal sealed class ConnectClaim
{
    public OrganizationId OrganizationId { get; init; }

    public AccountSid AccountSid { get; init; }

    public Guid ClaimId { get; init; }

    public DateTimeOffset ClaimedUntil { get; init; }
}
