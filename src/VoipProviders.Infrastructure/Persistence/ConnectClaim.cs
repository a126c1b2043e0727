namespace VoipProviders.Infrastructure.Persistence;

/// <summary>An account being connected right now in an organization, until <see cref="ClaimedUntil"/> (see IConnectClaims).</summary>
internal sealed class ConnectClaim
{
    public string OrganizationId { get; init; } = string.Empty;

    public string AccountSid { get; init; } = string.Empty;

    public Guid ClaimId { get; init; }

    public DateTimeOffset ClaimedUntil { get; init; }
}
