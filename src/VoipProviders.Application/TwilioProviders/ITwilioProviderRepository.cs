using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>
/// The write side's access to provider aggregates, always within one organization. Changes are saved by the unit of
/// work, never here.
/// </summary>
public interface ITwilioProviderRepository
{
    Task<TwilioProvider?> FindAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>
    /// The provider, tracked, with how many numbers it has imported — in one query, for commands that answer with the
    /// provider (the number count is part of every provider response).
    /// </summary>
    Task<(TwilioProvider Provider, int PhoneNumberCount)?> FindWithPhoneNumberCountAsync(
        OrganizationId organizationId,
        ProviderId providerId,
        CancellationToken cancellationToken);

    /// <summary>
    /// The provider as it is committed right now, untracked and unaffected by this unit of work's pending changes:
    /// what a compensation reconciles Twilio with after a commit lost a race.
    /// </summary>
    Task<TwilioProvider?> FindCommittedAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>The provider, tracked, whatever its organization: for background work, which names a provider by id alone.</summary>
    Task<TwilioProvider?> FindForBackgroundWorkAsync(ProviderId providerId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(OrganizationId organizationId, ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>
    /// Ends repair <paramref name="runId"/>'s hold on the provider at once, in a statement of its own (whatever this unit
    /// of work holds); a hold another repair took since is left alone.
    /// </summary>
    Task EndRepairAsync(ProviderId providerId, Guid runId, CancellationToken cancellationToken);

    /// <summary>The organization's provider connected to the Twilio account, untracked; null when there is none.</summary>
    Task<TwilioProvider?> FindByAccountAsync(OrganizationId organizationId, AccountSid accountSid, CancellationToken cancellationToken);

    Task<bool> AccountIsConnectedAsync(OrganizationId organizationId, AccountSid accountSid, CancellationToken cancellationToken);

    void Add(TwilioProvider provider);

    /// <summary>Deletes the provider with everything it owns when the unit of work commits.</summary>
    void Remove(TwilioProvider provider);
}
