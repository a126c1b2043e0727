using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Domain.TwilioProviders;

/// <summary>
/// The Twilio resources a deleted provider leaves in the tenant's account — its trunk and its credential list (with
/// the SIP credential) — and the credentials to delete them with, kept encrypted until the clean-up is done.
/// A completed clean-up is removed; an abandoned one stays, without its credentials, for an operator to see.
/// </summary>
public sealed class TwilioResourceCleanup : DurableOperation
{
    private TwilioResourceCleanup()
    {
        // For EF Core materialization.
        TrunkSid = null!;
        CredentialListSid = null!;
    }

    public Guid Id { get; private set; }

    public OrganizationId OrganizationId { get; private set; }

    /// <summary>The deleted provider; the protected Auth Token is bound to this id.</summary>
    public ProviderId ProviderId { get; private set; }

    public AccountSid AccountSid { get; private set; }

    /// <summary>The deleted provider's Auth Token, still protected; null once the clean-up was abandoned.</summary>
    public ProtectedSecret? AuthToken { get; private set; }

    public string TrunkSid { get; private set; }

    public string CredentialListSid { get; private set; }

    /// <summary>
    /// A stopped managed rotation of the provider may have left a secondary Auth Token in the account whose own clean-up
    /// had not run when the provider was deleted: it is deleted first, with the provider's token.
    /// </summary>
    public bool DeleteSecondaryAuthToken { get; private set; }

    /// <summary>The numbers the provider had imported: detached from the trunk before it is deleted.</summary>
    public IReadOnlyList<string> PhoneNumberSids { get; private set; } = [];

    public ResourceCleanupStatus Status { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>
    /// What a connect that did not commit left in the tenant's account because deleting it failed at the time: the
    /// same clean-up as for a deleted provider, for a provider that never came to exist.
    /// </summary>
    public static TwilioResourceCleanup ForLeftovers(
        Guid id,
        OrganizationId organizationId,
        ProviderId providerId,
        AccountSid accountSid,
        ProtectedSecret authToken,
        string trunkSid,
        string credentialListSid,
        DateTimeOffset now)
    {
        if (id == Guid.Empty || providerId.Value == Guid.Empty)
        {
            throw new ArgumentException("A clean-up needs an id and the id its token is bound to.", nameof(id));
        }

        organizationId.ThrowIfDefault(nameof(organizationId));
        accountSid.ThrowIfDefault(nameof(accountSid));
        if (authToken.CipherText is null)
        {
            throw new ArgumentException("The token must be protected.", nameof(authToken));
        }

        if (!TwilioSid.Is("TK", trunkSid) || !TwilioSid.Is("CL", credentialListSid))
        {
            throw new ArgumentException("Not Twilio SIDs of a trunk and a credential list.", nameof(trunkSid));
        }

        now = Timestamps.Normalize(now);
        return new TwilioResourceCleanup
        {
            Id = id,
            OrganizationId = organizationId,
            ProviderId = providerId,
            AccountSid = accountSid,
            AuthToken = authToken,
            TrunkSid = trunkSid,
            CredentialListSid = credentialListSid,
            Status = ResourceCleanupStatus.Pending,
            RequestedAt = now,
            UpdatedAt = now,
        };
    }

    internal static TwilioResourceCleanup For(
        Guid id,
        TwilioProvider provider,
        IReadOnlyList<string> phoneNumberSids,
        bool deleteSecondaryAuthToken,
        DateTimeOffset now)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("A clean-up needs an id.", nameof(id));
        }

        now = Timestamps.Normalize(now);

        return new TwilioResourceCleanup
        {
            Id = id,
            OrganizationId = provider.OrganizationId,
            ProviderId = provider.Id,
            AccountSid = provider.AccountSid,
            AuthToken = provider.AuthToken,
            TrunkSid = provider.TrunkSid,
            CredentialListSid = provider.CredentialListSid,
            PhoneNumberSids = [.. phoneNumberSids],
            DeleteSecondaryAuthToken = deleteSecondaryAuthToken,
            Status = ResourceCleanupStatus.Pending,
            RequestedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// An operator's retry of an abandoned clean-up: pending again, with <paramref name="authToken"/> (protected, bound to
    /// <see cref="ProviderId"/>) to delete the resources with. Only an abandoned clean-up can be retried.
    /// </summary>
    public void Retry(ProtectedSecret authToken, DateTimeOffset now)
    {
        if (Status != ResourceCleanupStatus.Abandoned)
        {
            throw new DomainRuleViolationException("cleanup_not_abandoned", $"Clean-up {Id} is not abandoned; only an abandoned clean-up can be retried.");
        }

        if (authToken.CipherText is null)
        {
            throw new ArgumentException("The token must be protected.", nameof(authToken));
        }

        Status = ResourceCleanupStatus.Pending;
        AuthToken = authToken;
        UpdatedAt = Timestamps.Normalize(now);
    }

    protected override void MarkAbandoned()
    {
        Status = ResourceCleanupStatus.Abandoned;
        AuthToken = null;
    }
}
