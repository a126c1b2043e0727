using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Domain.TwilioProviders;

/// <summary>
/// What a connect is about to build in the tenant's Twilio account, recorded and committed before the first create:
/// the names the trunk and the credential list will carry, and the credentials to find and delete them with. The
/// connect's own commit removes it together with storing the provider; if that never happens (crash, deploy, OOM
/// between the creates and the commit), reconciliation finds the resources by these names and deletes them.
/// </summary>
public sealed class ProvisioningIntent : DurableOperation
{
    /// <summary>Domain names planned for the trunk: one per attempt (another is tried when Twilio says one is taken).</summary>
    public const int MaxTrunkDomainNames = 3;

    private ProvisioningIntent()
    {
        // For EF Core materialization.
        ResourceFriendlyName = null!;
    }

    /// <summary>The id the provider will have; the protected Auth Token is bound to it.</summary>
    public ProviderId Id { get; private set; }

    public OrganizationId OrganizationId { get; private set; }

    public AccountSid AccountSid { get; private set; }

    /// <summary>The Auth Token, protected; null once the intent was abandoned.</summary>
    public ProtectedSecret? AuthToken { get; private set; }

    /// <summary>The trunk's domain name for each attempt, in the order they are tried.</summary>
    public IReadOnlyList<string> TrunkDomainNames { get; private set; } = [];

    /// <summary>The friendly name of both the trunk and the credential list.</summary>
    public string ResourceFriendlyName { get; private set; }

    public ProvisioningIntentStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static ProvisioningIntent Record(
        ProviderId providerId,
        OrganizationId organizationId,
        AccountSid accountSid,
        ProtectedSecret authToken,
        IReadOnlyList<string> trunkDomainNames,
        string resourceFriendlyName,
        DateTimeOffset now)
    {
        if (providerId.Value == Guid.Empty)
        {
            throw new ArgumentException("An intent needs the id of the provider it builds.", nameof(providerId));
        }

        organizationId.ThrowIfDefault(nameof(organizationId));
        accountSid.ThrowIfDefault(nameof(accountSid));
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceFriendlyName);
        ArgumentNullException.ThrowIfNull(trunkDomainNames);
        if (authToken.CipherText is null)
        {
            throw new ArgumentException("The token must be protected.", nameof(authToken));
        }

        if (trunkDomainNames.Count is 0 or > MaxTrunkDomainNames
            || trunkDomainNames.Any(name => !name.EndsWith(TwilioProvider.TrunkDomainSuffix, StringComparison.Ordinal))
            || trunkDomainNames.Distinct(StringComparer.OrdinalIgnoreCase).Count() != trunkDomainNames.Count)
        {
            throw new ArgumentException(
                $"1 to {MaxTrunkDomainNames} distinct trunk domain names ending in {TwilioProvider.TrunkDomainSuffix} are needed.",
                nameof(trunkDomainNames));
        }

        now = Timestamps.Normalize(now);
        return new ProvisioningIntent
        {
            Id = providerId,
            OrganizationId = organizationId,
            AccountSid = accountSid,
            AuthToken = authToken,
            TrunkDomainNames = [.. trunkDomainNames],
            ResourceFriendlyName = resourceFriendlyName,
            Status = ProvisioningIntentStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// The connect's grace period is over and it neither committed nor cleaned up: reconciliation takes over. Stored
    /// before anything is deleted, so that the connect can no longer commit.
    /// </summary>
    public void TakeForReconciliation(DateTimeOffset now)
    {
        if (Status != ProvisioningIntentStatus.Pending)
        {
            throw new InvalidOperationException($"Provisioning intent {Id} is {Status}, not pending.");
        }

        Status = ProvisioningIntentStatus.Reconciling;
        UpdatedAt = Timestamps.Normalize(now);
    }

    protected override void MarkAbandoned()
    {
        Status = ProvisioningIntentStatus.Abandoned;
        AuthToken = null;
    }
}
