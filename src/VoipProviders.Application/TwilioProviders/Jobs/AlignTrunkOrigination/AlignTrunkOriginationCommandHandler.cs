using System.Security.Cryptography;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.Origination;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Jobs.AlignTrunkOrigination;

public sealed class AlignTrunkOriginationCommandHandler(
    IOriginationRollouts rollouts,
    ITwilioProviderRepository providers,
    OriginationPlan plan,
    OriginationSync sync,
    ISecretProtector secretProtector,
    IUnitOfWork unitOfWork,
    ProviderChanges changes,
    IOptions<SipOriginationOptions> options,
    TimeProvider timeProvider,
    ILogger<AlignTrunkOriginationCommandHandler> logger) : ICommandHandler<AlignTrunkOriginationCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(AlignTrunkOriginationCommand command, CancellationToken cancellationToken)
    {
        var providerId = ProviderId.From(command.ProviderId);
        var now = timeProvider.GetUtcNow();
        var leaseUntil = Timestamps.Normalize(now + options.Value.RolloutLease);
        var leaseId = Guid.NewGuid();
        if (!await rollouts.TryLeaseAsync(providerId, leaseId, now, leaseUntil, cancellationToken))
        {
            // Gone (nothing to do), or another replica is bringing it in line right now: the rollout catches anything left.
            return BackgroundJobOutcome.Completed;
        }

        // The lease goes back whatever happens; a replica that dies here leaves it to expire.
        unitOfWork.OnCommitted("release the origination lease", token => rollouts.ReleaseAsync(providerId, leaseId, token));
        unitOfWork.RegisterCompensation("release the origination lease", token => rollouts.ReleaseAsync(providerId, leaseId, token));

        var provider = await providers.FindForBackgroundWorkAsync(providerId, cancellationToken);
        if (provider is null)
        {
            return BackgroundJobOutcome.Completed;
        }

        var revision = plan.RevisionFor(provider.SecureTrunking);
        if (provider.OriginationRevision == revision)
        {
            return BackgroundJobOutcome.Completed;
        }

        TwilioCredentials credentials;
        try
        {
            credentials = secretProtector.CredentialsOf(provider);
        }
        catch (CryptographicException)
        {
            // Verification reports the unreadable token; rotating it makes the provider eligible again.
            logger.RolloutFailed(new InvalidOperationException("The stored Auth Token cannot be decrypted."), provider.Id.Value);
            return BackgroundJobOutcome.GaveUp;
        }

        try
        {
            var desired = plan.DesiredFor(provider.InboundRoutingKey, provider.SecureTrunking);
            var urls = await sync.SyncAsync(credentials, provider.TrunkSid, desired, provider.OriginationUrls, cancellationToken);

            // A trunk gone from Twilio has nothing to bring in line: verification reports it; trying again would not help.
            var before = provider.OriginationUrls;
            provider.RecordOrigination(urls ?? [], revision);
            if (!before.SequenceEqual(provider.OriginationUrls))
            {
                changes.Record(
                    provider,
                    AuditActions.OriginationChanged,
                    new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["trunkSid"] = provider.TrunkSid,
                        ["revision"] = revision,
                        ["previous"] = before.Select(u => new { u.Sid, u.SipUrl, u.Priority, u.Weight, u.Enabled }).ToList(),
                        ["current"] = provider.OriginationUrls.Select(u => new { u.Sid, u.SipUrl, u.Priority, u.Weight, u.Enabled }).ToList(),
                    },
                    new OriginationChanged([.. provider.OriginationUrls.Select(u => u.SipUrl)], revision));
            }

            return BackgroundJobOutcome.Completed;
        }
        catch (TwilioGatewayException failure)
        {
            logger.RolloutFailed(failure, provider.Id.Value);
            return failure is TwilioCredentialsRejectedException or TwilioRequestRejectedException
                ? BackgroundJobOutcome.GaveUp
                : BackgroundJobOutcome.RetryLater;
        }
    }
}
