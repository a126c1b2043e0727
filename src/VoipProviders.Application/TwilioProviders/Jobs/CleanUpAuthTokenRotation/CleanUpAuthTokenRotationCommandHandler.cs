using System.Security.Cryptography;
using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Jobs.CleanUpAuthTokenRotation;

public sealed class CleanUpAuthTokenRotationCommandHandler(
    IAuthTokenRotations rotations,
    ITwilioProviderRepository providers,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    IBackgroundJobContext jobContext,
    TimeProvider timeProvider,
    ILogger<CleanUpAuthTokenRotationCommandHandler> logger) : ICommandHandler<CleanUpAuthTokenRotationCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(CleanUpAuthTokenRotationCommand command, CancellationToken cancellationToken)
    {
        var rotation = await rotations.FindForWorkAsync(command.RotationId, cancellationToken);
        if (rotation is not { CleanupPending: true } || rotation.IsRunning)
        {
            return BackgroundJobOutcome.Completed;
        }

        var provider = await providers.FindForBackgroundWorkAsync(rotation.ProviderId, cancellationToken);
        if (provider is null)
        {
            // Deleted since: its token is gone with it, and so is any way to reach the account.
            rotation.CleanedUp(timeProvider.GetUtcNow());
            return BackgroundJobOutcome.Completed;
        }

        if (provider.ActiveAuthTokenRotationId is not null)
        {
            // A newer rotation runs: the secondary in Twilio may be its own now. That rotation deletes what earlier ones
            // left before it creates its own, and marks them cleaned up.
            return BackgroundJobOutcome.Completed;
        }

        try
        {
            await twilio.DeleteSecondaryAuthTokenAsync(secretProtector.CredentialsOf(provider), cancellationToken);
        }
        catch (CryptographicException)
        {
            logger.SecondaryNotDeleted(rotation.Id, "stored_token_unreadable");
            return BackgroundJobOutcome.GaveUp;
        }
        catch (TwilioGatewayException failure) when (failure is TwilioCredentialsRejectedException or TwilioRequestRejectedException)
        {
            logger.SecondaryNotDeleted(rotation.Id, failure.Summary);
            return BackgroundJobOutcome.GaveUp;
        }
        catch (TwilioGatewayException failure)
        {
            logger.SecondaryNotDeleted(rotation.Id, failure.Summary);
            return jobContext.IsLastAttempt ? BackgroundJobOutcome.GaveUp : BackgroundJobOutcome.RetryLater;
        }

        rotation.CleanedUp(timeProvider.GetUtcNow());
        logger.SecondaryCleanedUp(rotation.Id);
        return BackgroundJobOutcome.Completed;
    }
}
