using System.Security.Cryptography;
using Mediator;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Jobs.SettleRepairCreates;

public sealed class SettleRepairCreatesCommandHandler(
    ITwilioProviderRepository providers,
    ISecretProtector secretProtector,
    RepairLeftovers leftovers,
    IBackgroundJobQueue jobs,
    IBackgroundJobContext jobContext,
    IOptions<RepairOptions> options,
    TimeProvider timeProvider) : ICommandHandler<SettleRepairCreatesCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(SettleRepairCreatesCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindForBackgroundWorkAsync(ProviderId.From(command.ProviderId), cancellationToken);
        if (provider is null || (provider.PendingRepairTrunkDomainName is null && provider.PendingRepairCredentialListName is null))
        {
            // Deleted (its deletion settled the announcements first), or the repair recorded or settled them itself.
            return BackgroundJobOutcome.Completed;
        }

        if (provider.IsRepairing(timeProvider.GetUtcNow()))
        {
            // Still running (a slow repair, or a newer one): its creates are not leftovers yet. Look again after its lease.
            jobs.Enqueue(command, provider.RepairLeaseUntil!.Value + options.Value.LeftoverCheckDelay);
            return BackgroundJobOutcome.Completed;
        }

        try
        {
            await leftovers.SettleAsync(provider, secretProtector.CredentialsOf(provider), cancellationToken);
            return BackgroundJobOutcome.Completed;
        }
        catch (CryptographicException)
        {
            return BackgroundJobOutcome.GaveUp;
        }
        catch (TwilioGatewayException)
        {
            return jobContext.IsLastAttempt ? BackgroundJobOutcome.GaveUp : BackgroundJobOutcome.RetryLater;
        }
    }
}
