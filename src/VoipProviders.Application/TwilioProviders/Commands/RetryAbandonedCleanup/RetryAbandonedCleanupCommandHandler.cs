using System.Security.Cryptography;
using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.TwilioProviders.Jobs.CleanUpTwilioResources;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Commands.RetryAbandonedCleanup;

public sealed class RetryAbandonedCleanupCommandHandler(
    ITwilioResourceCleanupRepository cleanups,
    ITwilioProviderRepository providers,
    ISecretProtector secretProtector,
    IBackgroundJobQueue jobs,
    IAuditTrail audit,
    TimeProvider timeProvider,
    ILogger<RetryAbandonedCleanupCommandHandler> logger) : ICommandHandler<RetryAbandonedCleanupCommand, RetriedCleanupResponse>
{
    public const string NotAbandonedCode = "cleanup_not_abandoned";
    public const string CredentialsUnavailableCode = "cleanup_credentials_unavailable";

    public async ValueTask<RetriedCleanupResponse> Handle(RetryAbandonedCleanupCommand command, CancellationToken cancellationToken)
    {
        var cleanup = await cleanups.FindAsync(command.CleanupId, cancellationToken)
            ?? throw new NotFoundException("Clean-up", command.CleanupId);
        if (cleanup.Status != ResourceCleanupStatus.Abandoned)
        {
            throw new ConflictException(NotAbandonedCode, "The clean-up is not abandoned: its job is still trying. Nothing was changed.");
        }

        // An abandoned clean-up dropped its token. The organization's provider on the same account holds the one Twilio
        // accepts now; it is protected again for the clean-up (bound to the deleted provider's id, like the original).
        var provider = await providers.FindByAccountAsync(cleanup.OrganizationId, cleanup.AccountSid, cancellationToken)
            ?? throw new ConflictException(
                CredentialsUnavailableCode,
                "No provider of the organization is connected to the clean-up's Twilio account, so there are no credentials to delete its resources with. Remove them by hand, or retry after the account is connected again. Nothing was changed.");
        string token;
        try
        {
            token = secretProtector.Unprotect(TwilioSecrets.AuthToken, provider.Id.Value, provider.AuthToken);
        }
        catch (CryptographicException exception)
        {
            throw new ConflictException(
                CredentialsUnavailableCode,
                "The credentials of the provider connected to the clean-up's Twilio account cannot be decrypted. Nothing was changed.",
                exception);
        }

        cleanup.Retry(secretProtector.Protect(TwilioSecrets.AuthToken, cleanup.ProviderId.Value, token), timeProvider.GetUtcNow());
        jobs.Enqueue(new CleanUpTwilioResourcesCommand(cleanup.Id));
        audit.Record(new AuditEntry(
            cleanup.OrganizationId,
            cleanup.ProviderId.Value,
            AuditActions.CleanupRetried,
            AuditOutcome.Succeeded,
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["cleanupId"] = cleanup.Id,
                ["accountSid"] = cleanup.AccountSid.Value,
                ["trunkSid"] = cleanup.TrunkSid,
                ["credentialListSid"] = cleanup.CredentialListSid,
                ["credentialsFromProviderId"] = provider.Id.Value,
            }));
        logger.CleanupRetried(cleanup.Id, cleanup.TrunkSid, cleanup.CredentialListSid, cleanup.AccountSid.Value, provider.Id.Value);
        return new RetriedCleanupResponse(
            cleanup.Id,
            "pending",
            cleanup.OrganizationId.Value,
            cleanup.ProviderId.Value,
            cleanup.AccountSid.Value,
            cleanup.TrunkSid,
            cleanup.CredentialListSid,
            cleanup.PhoneNumberSids,
            provider.Id.Value);
    }
}
