using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Contracts.Providers;
using VoipProviders.Domain.Twilio;
using VoipProviders.Domain.TwilioProviders;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Jobs.AdvanceAuthTokenRotation;

public sealed class AdvanceAuthTokenRotationCommandHandler(
    IAuthTokenRotations rotations,
    ITwilioProviderRepository providers,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    ISecretFingerprint fingerprint,
    IUnitOfWork unitOfWork,
    IBackgroundJobQueue jobs,
    IBackgroundJobContext jobContext,
    VerificationAfterChange verification,
    ProviderChanges changes,
    AuthTokenRotationLifecycle lifecycle,
    IAuthTokenRotationCheckpoints checkpoints,
    IOptions<AuthTokenRotationOptions> options,
    TimeProvider timeProvider,
    ILogger<AdvanceAuthTokenRotationCommandHandler> logger) : ICommandHandler<AdvanceAuthTokenRotationCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(AdvanceAuthTokenRotationCommand command, CancellationToken cancellationToken)
    {
        var rotation = await rotations.FindForWorkAsync(command.RotationId, cancellationToken);
        if (rotation is not { IsRunning: true })
        {
            // Ended (completed, failed, cancelled) since this run was queued: nothing left to do.
            return BackgroundJobOutcome.Completed;
        }

        var provider = await providers.FindForBackgroundWorkAsync(rotation.ProviderId, cancellationToken);
        // From the promotion's commit on (verifying) the provider holds the new token and no longer waits for the rotation.
        if (provider is null || (rotation.Step != AuthTokenRotationStep.Verifying && provider.ActiveAuthTokenRotationId != rotation.Id))
        {
            // A provider is not deleted while its rotation runs (409), so this is a bug or a hand-edited row: leave it be.
            logger.RotationOrphaned(rotation.Id, rotation.ProviderId.Value);
            return BackgroundJobOutcome.GaveUp;
        }

        // Whether a promotion was asked for before this run: then its outcome is read from Twilio before anything else.
        var promotionAskedBefore = rotation.PromotionRequestedAt is not null;
        try
        {
            while (rotation.IsRunning)
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.RotationStep(rotation.Id, provider.Id.Value, AuthTokenRotationWords.Of(rotation.Step));
                }
                switch (rotation.Step)
                {
                    case AuthTokenRotationStep.CreatingSecondary:
                        if (await CreateSecondaryAsync(rotation, provider, cancellationToken) is { } earlierCreateLandsBy)
                        {
                            // A create asked for before (by a stopped rotation, or this one's lost run) may still land:
                            // the step deletes what it left only once it has, or the late one would fail this create.
                            jobs.Enqueue(new AdvanceAuthTokenRotationCommand(rotation.Id), earlierCreateLandsBy);
                            return BackgroundJobOutcome.Completed;
                        }

                        break;
                    case AuthTokenRotationStep.Validating:
                        await ValidateSecondaryAsync(rotation, provider, cancellationToken);
                        break;
                    case AuthTokenRotationStep.Waiting when rotation.PromoteAfter > timeProvider.GetUtcNow():
                        // The propagation delay is this job, scheduled for later, not a sleeping thread.
                        jobs.Enqueue(new AdvanceAuthTokenRotationCommand(rotation.Id), rotation.PromoteAfter.Value);
                        return BackgroundJobOutcome.Completed;
                    case AuthTokenRotationStep.Waiting:
                        rotation.RequestPromotion(timeProvider.GetUtcNow());
                        await unitOfWork.CommitAsync(cancellationToken);
                        await checkpoints.PassedAsync(AuthTokenRotationPoint.PromotionRequested, rotation.Id, cancellationToken);
                        await PromoteAsync(rotation, provider, outcomeUnknown: false, cancellationToken);
                        break;
                    case AuthTokenRotationStep.Promoting:
                        await PromoteAsync(rotation, provider, outcomeUnknown: promotionAskedBefore, cancellationToken);
                        break;
                    case AuthTokenRotationStep.Verifying:
                        await VerifyNewTokenAsync(rotation, provider, cancellationToken);
                        break;
                    default:
                        throw new InvalidOperationException($"A running rotation is never at step {rotation.Step}.");
                }
            }

            return BackgroundJobOutcome.Completed;
        }
        catch (TwilioGatewayException failure) when (failure is TwilioUnavailableException or TwilioRateLimitedException)
        {
            logger.StepWillRetry(rotation.Id, AuthTokenRotationWords.Of(rotation.Step), failure.Summary);
            if (!jobContext.IsLastAttempt)
            {
                return BackgroundJobOutcome.RetryLater;
            }

            if (rotation.PromotionRequestedAt is null)
            {
                Fail(rotation, provider, AuthTokenRotationRules.TwilioUnavailableCode, $"Twilio kept failing ({failure.Summary}) until the step's retries were spent. The provider keeps its token; start the rotation again later.");
                return BackgroundJobOutcome.Completed;
            }

            // From the promotion on, a rotation only ever finishes: it is taken up again later.
            jobs.Enqueue(new AdvanceAuthTokenRotationCommand(rotation.Id), timeProvider.GetUtcNow() + options.Value.ResumeAfterExhaustedRetries);
            return BackgroundJobOutcome.Completed;
        }
    }

    /// <summary>
    /// Creates and stores the secondary; or, while a create asked for earlier may still land in Twilio, does nothing and
    /// answers when it will have.
    /// </summary>
    private async Task<DateTimeOffset?> CreateSecondaryAsync(AuthTokenRotation rotation, TwilioProvider provider, CancellationToken cancellationToken)
    {
        var credentials = secretProtector.CredentialsOf(provider);
        var leftovers = await rotations.FindCleanupsPendingAsync(provider.Id, cancellationToken);
        var settleTime = options.Value.SecondaryCreateSettleTime;
        var earlierCreateLandsBy = leftovers.Append(rotation).Max(earlier => earlier.UnansweredSecondaryMayLandUntil(settleTime));
        if (earlierCreateLandsBy > timeProvider.GetUtcNow())
        {
            return earlierCreateLandsBy;
        }

        if (rotation.SecondaryRequestedAt is not null || leftovers.Count > 0)
        {
            // A create may have reached Twilio without its answer being stored (this rotation's, or an earlier stopped
            // one's whose clean-up has not run): the secondary it left is the module's own and nobody knows it, so it is
            // deleted before creating again.
            await twilio.DeleteSecondaryAuthTokenAsync(credentials, cancellationToken);
            foreach (var leftover in leftovers)
            {
                leftover.CleanedUp(timeProvider.GetUtcNow());
            }

            logger.UnstoredSecondaryDeleted(rotation.Id);
        }

        rotation.RequestSecondary(timeProvider.GetUtcNow());
        await unitOfWork.CommitAsync(cancellationToken);
        await checkpoints.PassedAsync(AuthTokenRotationPoint.SecondaryRequested, rotation.Id, cancellationToken);

        TwilioAuthToken secondary;
        try
        {
            secondary = await twilio.CreateSecondaryAuthTokenAsync(credentials, cancellationToken);
        }
        catch (TwilioSecondaryAuthTokenExistsException)
        {
            // Not this rotation's (its own would have been deleted above): left alone, and the tenant is told.
            rotation.DisownSecondary(timeProvider.GetUtcNow());
            Fail(rotation, provider, AuthTokenRotationRules.SecondaryTokenExistsCode, "The Twilio account already has a secondary Auth Token that this service did not create. It was left alone: promote or delete it in the Twilio Console, then start the rotation again.");
            return null;
        }
        catch (TwilioCredentialsRejectedException)
        {
            rotation.DisownSecondary(timeProvider.GetUtcNow());
            Fail(rotation, provider, AuthTokenRotationRules.StoredTokenRejectedCode, "Twilio no longer accepts the provider's stored Auth Token, so no secondary token could be made. Send the current token with PATCH …/auth-token first.");
            return null;
        }

        await checkpoints.PassedAsync(AuthTokenRotationPoint.SecondaryCreated, rotation.Id, cancellationToken);
        rotation.StoreSecondary(secretProtector.Protect(TwilioSecrets.AuthToken, provider.Id.Value, secondary.Reveal()), timeProvider.GetUtcNow());
        await unitOfWork.CommitAsync(cancellationToken);
        await checkpoints.PassedAsync(AuthTokenRotationPoint.SecondaryStored, rotation.Id, cancellationToken);
        return null;
    }

    private async Task ValidateSecondaryAsync(AuthTokenRotation rotation, TwilioProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            await twilio.GetActiveAccountAsync(SecondaryCredentials(rotation, provider), cancellationToken);
        }
        catch (TwilioCredentialsRejectedException)
        {
            Fail(rotation, provider, AuthTokenRotationRules.SecondaryTokenRejectedCode, "Twilio did not accept the secondary Auth Token it had just made (was it deleted in the Console?). The provider keeps its token.");
            return;
        }
        catch (TwilioAccountNotActiveException)
        {
            Fail(rotation, provider, AuthTokenRotationRules.AccountNotActiveCode, "The Twilio account is suspended or closed. The provider keeps its token.");
            return;
        }

        await checkpoints.PassedAsync(AuthTokenRotationPoint.SecondaryValidated, rotation.Id, cancellationToken);
        rotation.SecondaryValidated(timeProvider.GetUtcNow());
        await unitOfWork.CommitAsync(cancellationToken);
        await checkpoints.PassedAsync(AuthTokenRotationPoint.WaitStarted, rotation.Id, cancellationToken);
    }

    /// <summary>
    /// Promotes the secondary. With <paramref name="outcomeUnknown"/> (a promotion was asked for before and nobody knows
    /// whether Twilio carried it out), Twilio is asked which token it accepts first.
    /// </summary>
    private async Task PromoteAsync(AuthTokenRotation rotation, TwilioProvider provider, bool outcomeUnknown, CancellationToken cancellationToken)
    {
        if (outcomeUnknown && await SettlePromotionAsync(rotation, provider, cancellationToken))
        {
            return;
        }

        try
        {
            await twilio.PromoteSecondaryAuthTokenAsync(secretProtector.CredentialsOf(provider), cancellationToken);
        }
        catch (TwilioGatewayException failure) when (failure is TwilioUnavailableException or TwilioResourceNotFoundException or TwilioCredentialsRejectedException)
        {
            // Timed out or failed after it may have been carried out, or the tokens are not as this rotation left them:
            // which token Twilio accepts tells.
            logger.PromotionOutcomeUnknown(rotation.Id, failure.Summary);
            if (await SettlePromotionAsync(rotation, provider, cancellationToken))
            {
                return;
            }

            throw;
        }

        await checkpoints.PassedAsync(AuthTokenRotationPoint.Promoted, rotation.Id, cancellationToken);
        await StorePromotionAsync(rotation, provider, cancellationToken);
    }

    /// <summary>
    /// Reads whether a promotion happened from which token Twilio accepts, and settles the rotation when it can: the
    /// provider's token rejected and the secondary accepted — it happened, finish; both accepted — it did not, false (promote
    /// again); only the provider's token accepted — the secondary is gone, fail (the provider keeps a working token).
    /// </summary>
    private async Task<bool> SettlePromotionAsync(AuthTokenRotation rotation, TwilioProvider provider, CancellationToken cancellationToken)
    {
        var primaryAccepted = await AcceptsAsync(secretProtector.CredentialsOf(provider), cancellationToken);
        var secondaryAccepted = await AcceptsAsync(SecondaryCredentials(rotation, provider), cancellationToken);
        switch (primaryAccepted, secondaryAccepted)
        {
            case (false, true):
                await StorePromotionAsync(rotation, provider, cancellationToken);
                return true;
            case (true, true):
                return false;
            case (true, false):
                Fail(rotation, provider, AuthTokenRotationRules.SecondaryTokenRejectedCode, "The secondary Auth Token stopped working before its promotion (was it deleted in the Console?). It was not promoted; the provider keeps its token, which still works.");
                return true;
            default:
                Fail(rotation, provider, AuthTokenRotationRules.StoredTokenRejectedCode, "Twilio accepts neither the provider's token nor the secondary token: the Auth Token was changed outside this service. Send the current token with PATCH …/auth-token.");
                return true;
        }
    }

    private async Task StorePromotionAsync(AuthTokenRotation rotation, TwilioProvider provider, CancellationToken cancellationToken)
    {
        var previousToken = secretProtector.CredentialsOf(provider).AuthToken;
        var newToken = SecondaryCredentials(rotation, provider).AuthToken;
        var previousFingerprint = await fingerprint.OfAsync(previousToken.Reveal(), cancellationToken);
        var newFingerprint = await fingerprint.OfAsync(newToken.Reveal(), cancellationToken);
        var now = timeProvider.GetUtcNow();
        provider.CompleteAuthTokenRotation(rotation.Id, rotation.SecondaryAuthToken!.Value, now);
        rotation.Promoted(now);
        verification.Schedule(provider);
        changes.Record(
            provider,
            AuditActions.AuthTokenRotated,
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["accountSid"] = provider.AccountSid.Value,
                ["method"] = ProviderAuthTokenRotated.Managed,
                ["rotationId"] = rotation.Id,
                ["previousAuthTokenFingerprint"] = previousFingerprint,
                ["authTokenFingerprint"] = newFingerprint,
            },
            new ProviderAuthTokenRotated(provider.AuthTokenUpdatedAt, ProviderAuthTokenRotated.Managed));
        await unitOfWork.CommitAsync(cancellationToken);
        await checkpoints.PassedAsync(AuthTokenRotationPoint.PromotionStored, rotation.Id, cancellationToken);
    }

    private async Task VerifyNewTokenAsync(AuthTokenRotation rotation, TwilioProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            await twilio.GetActiveAccountAsync(secretProtector.CredentialsOf(provider), cancellationToken);
        }
        catch (TwilioGatewayException failure) when (failure is TwilioCredentialsRejectedException or TwilioAccountNotActiveException)
        {
            // The promotion happened and cannot be undone: the rotation is done, and the provider's verification (queued
            // with the promotion) reports what is wrong.
            logger.NewTokenNotAccepted(rotation.Id, failure.Summary);
        }

        await checkpoints.PassedAsync(AuthTokenRotationPoint.NewTokenVerified, rotation.Id, cancellationToken);
        rotation.Complete(timeProvider.GetUtcNow());
        await unitOfWork.CommitAsync(cancellationToken);
        logger.RotationCompleted(rotation.Id, provider.Id.Value);
    }

    /// <summary>Ends the rotation as failed in the current unit of work; the provider keeps its token.</summary>
    private void Fail(AuthTokenRotation rotation, TwilioProvider provider, string code, string message)
    {
        var step = rotation.Step;
        var now = timeProvider.GetUtcNow();
        rotation.Fail(code, message, now);
        lifecycle.Stopped(rotation, provider, step, AuditActions.AuthTokenRotationFailed, now, code);
        logger.RotationFailed(rotation.Id, provider.Id.Value, AuthTokenRotationWords.Of(step), code);
    }

    private async Task<bool> AcceptsAsync(TwilioCredentials credentials, CancellationToken cancellationToken)
    {
        try
        {
            await twilio.GetActiveAccountAsync(credentials, cancellationToken);
            return true;
        }
        catch (TwilioCredentialsRejectedException)
        {
            return false;
        }
        catch (TwilioAccountNotActiveException)
        {
            // The account is suspended, but the token authenticated.
            return true;
        }
    }

    private TwilioCredentials SecondaryCredentials(AuthTokenRotation rotation, TwilioProvider provider) =>
        new(
            provider.AccountSid,
            TwilioAuthToken.From(secretProtector.Unprotect(
                TwilioSecrets.AuthToken,
                provider.Id.Value,
                rotation.SecondaryAuthToken ?? throw new InvalidOperationException($"Rotation {rotation.Id} holds no secondary token at step {rotation.Step}."))));
}
