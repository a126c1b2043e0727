using Microsoft.Extensions.Logging;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Repairs;

/// <summary>
/// Settles the creates a repair announced (<see cref="TwilioProvider.PendingRepairTrunkDomainName"/>,
/// <see cref="TwilioProvider.PendingRepairCredentialListName"/>) but did not record: what Twilio has under the announced
/// name and the provider does not hold is the module's own leftover, and is deleted. Never anything else: the names are
/// ones the module made up for that create.
/// </summary>
public sealed class RepairLeftovers(ITwilioGateway twilio, ILogger<RepairLeftovers> logger)
{
    /// <summary>
    /// Looks up and deletes the announced leftovers, then clears the announcements on <paramref name="provider"/> (the
    /// caller commits). Twilio failures propagate, with the announcements left for a later try.
    /// </summary>
    public async Task SettleAsync(TwilioProvider provider, TwilioCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (provider.PendingRepairTrunkDomainName is { } domainName
            && await twilio.FindTrunkByDomainNameAsync(credentials, domainName, cancellationToken) is { } trunk
            && !string.Equals(trunk.Sid, provider.TrunkSid, StringComparison.Ordinal))
        {
            await twilio.DeleteTrunkAsync(credentials, trunk.Sid, cancellationToken);
            logger.LeftoverDeleted(provider.Id.Value, "trunk", trunk.Sid);
        }

        if (provider.PendingRepairCredentialListName is { } listName
            && await twilio.FindCredentialListByFriendlyNameAsync(credentials, listName, cancellationToken) is { } listSid
            && !string.Equals(listSid, provider.CredentialListSid, StringComparison.Ordinal))
        {
            await twilio.DeleteCredentialListAsync(credentials, listSid, cancellationToken);
            logger.LeftoverDeleted(provider.Id.Value, "credential list", listSid);
        }

        provider.SettlePendingRepairCreates();
    }

    /// <summary>As <see cref="SettleAsync"/>, best effort within its own time budget: a failure is logged and the announcements stay.</summary>
    public async Task<bool> TrySettleAsync(TwilioProvider provider, TwilioCredentials credentials, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30), timeProvider);
        try
        {
            await SettleAsync(provider, credentials, budget.Token);
            return true;
        }
#pragma warning disable CA1031 // Best effort: the settle job announced with the create tries again later.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.LeftoverNotSettled(provider.Id.Value, "resource", provider.PendingRepairTrunkDomainName ?? provider.PendingRepairCredentialListName ?? "?", exception.GetType().Name);
            return false;
        }
    }
}
