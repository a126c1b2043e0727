using System.Security.Cryptography;
using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.SipCredentials;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;

public sealed class RetireSipCredentialCommandHandler(
    ITwilioProviderRepository providers,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    IBackgroundJobContext jobContext,
    ILogger<RetireSipCredentialCommandHandler> logger) : ICommandHandler<RetireSipCredentialCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(RetireSipCredentialCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindForBackgroundWorkAsync(ProviderId.From(command.ProviderId), cancellationToken);
        if (provider is null || provider.CredentialListSid != command.CredentialListSid)
        {
            // Deleted: its clean-up deletes the whole credential list.
            return BackgroundJobOutcome.Completed;
        }

        if (string.Equals(provider.SipUsername, command.Username, StringComparison.Ordinal)
            || (command.SipCredentialSid is null && provider.HasSipCredential(command.Username)))
        {
            // The rotation that created it committed: it is the current credential, or one still in its grace period
            // (whose own retirement deletes it when the grace ends) — not a leftover.
            return BackgroundJobOutcome.Completed;
        }

        try
        {
            var credentials = secretProtector.CredentialsOf(provider);
            var sid = command.SipCredentialSid
                ?? await twilio.FindSipCredentialSidAsync(credentials, command.CredentialListSid, command.Username, cancellationToken);
            if (sid is not null)
            {
                await twilio.DeleteSipCredentialAsync(credentials, command.CredentialListSid, sid, cancellationToken);
                provider.CompleteSipCredentialRetirement(sid);
            }

            logger.SipCredentialRetired(command.Username, command.CredentialListSid, provider.Id.Value);
            return BackgroundJobOutcome.Completed;
        }
        catch (CryptographicException)
        {
            logger.SipCredentialNotRetired(command.Username, command.CredentialListSid, provider.Id.Value, "stored_token_unreadable");
            return BackgroundJobOutcome.GaveUp;
        }
        catch (TwilioGatewayException failure) when (failure is not TwilioRequestRejectedException)
        {
            logger.SipCredentialNotRetired(command.Username, command.CredentialListSid, provider.Id.Value, failure.Summary);
            return jobContext.IsLastAttempt ? BackgroundJobOutcome.GaveUp : BackgroundJobOutcome.RetryLater;
        }
    }
}
