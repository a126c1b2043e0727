using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Application.Common.Events;
using VoipProviders.Contracts;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers;

/// <summary>
/// What every change to a provider leaves behind besides its new state: the integration events other modules hear and
/// the audit record, both in the unit of work's commit (so they exist exactly when the change does). Refusals are
/// recorded at once, in their own transaction.
/// </summary>
public sealed class ProviderChanges(IIntegrationEventOutbox events, IAuditTrail audit)
{
    /// <summary>The refusal reason of a credential change whose If-Match names an older version.</summary>
    public const string StaleIfMatch = "stale_if_match";

    /// <summary>The refusal reason of a connect or rotation whose Auth Token Twilio rejected.</summary>
    public const string TwilioRejectedToken = "twilio_rejected_token";

    /// <summary>Records a change to <paramref name="provider"/> (its state as committed: the version after the change).</summary>
    public void Record(IVerifiableProvider provider, string action, IReadOnlyDictionary<string, object?> details, params IEnumerable<IntegrationEvent> integrationEvents)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Record(provider.OrganizationId, provider.Id, provider.Version, action, details, integrationEvents);
    }

    /// <summary>Records a change to the provider by its identity, for a change that does not load it.</summary>
    public void Record(
        OrganizationId organizationId,
        ProviderId providerId,
        long providerVersion,
        string action,
        IReadOnlyDictionary<string, object?> details,
        params IEnumerable<IntegrationEvent> integrationEvents)
    {
        ArgumentNullException.ThrowIfNull(integrationEvents);
        foreach (var integrationEvent in integrationEvents)
        {
            events.Add(integrationEvent with
            {
                OrganizationId = organizationId.Value,
                ProviderId = providerId.Value,
                ProviderVersion = providerVersion,
            });
        }

        audit.Record(new AuditEntry(organizationId, providerId.Value, action, AuditOutcome.Succeeded, details));
    }

    /// <summary>
    /// Checks a credential change's If-Match against the provider: when it names another version, records the refusal
    /// (<see cref="StaleIfMatch"/>, with the versions and <paramref name="details"/>) and throws.
    /// </summary>
    /// <exception cref="Common.Exceptions.PreconditionFailedException">The If-Match names another version.</exception>
    public async Task CheckIfMatchAsync(
        IVerifiableProvider provider,
        VersionPrecondition? ifMatch,
        string action,
        IReadOnlyDictionary<string, object?> details,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (ifMatch is null || ifMatch.IsSatisfiedBy(provider.Version))
        {
            return;
        }

        var withVersions = new Dictionary<string, object?>(details, StringComparer.Ordinal)
        {
            ["currentVersion"] = provider.Version,
            ["acceptedVersions"] = ifMatch.AcceptedVersions,
        };
        await RefusedAsync(provider.OrganizationId, provider.Id, action, StaleIfMatch, withVersions, cancellationToken);
        ifMatch.Check(provider.Version);
    }

    /// <summary>
    /// Records a security-relevant refusal (Twilio rejected the token, a stale If-Match on a credential change) at once,
    /// in a transaction of its own: the command then fails, and its own changes roll back.
    /// </summary>
    public Task RefusedAsync(
        OrganizationId organizationId,
        ProviderId? providerId,
        string action,
        string reason,
        IReadOnlyDictionary<string, object?> details,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var withReason = new Dictionary<string, object?>(details, StringComparer.Ordinal) { ["reason"] = reason };
        return audit.RecordRefusalAsync(new AuditEntry(organizationId, providerId?.Value, action, AuditOutcome.Rejected, withReason), cancellationToken);
    }
}
