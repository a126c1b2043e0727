using Mapster;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.Common.Security;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Application.TwilioProviders.Repairs;
using VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;
using VoipProviders.Application.TwilioProviders.Provisioning;
using VoipProviders.Application.TwilioProviders.SipCredentials;
using VoipProviders.Contracts.Providers;

namespace VoipProviders.Application.TwilioProviders.Commands.RotateSipCredential;

public sealed class RotateSipCredentialCommandHandler(
    ITwilioProviderRepository providers,
    ITwilioGateway twilio,
    ISecretProtector secretProtector,
    ISipCredentialRetirements retirements,
    IBackgroundJobQueue jobs,
    IUnitOfWork unitOfWork,
    VerificationAfterChange verification,
    ProviderChanges changes,
    IOptions<SipCredentialOptions> options,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider,
    ILogger<RotateSipCredentialCommandHandler> logger) : ICommandHandler<RotateSipCredentialCommand, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(RotateSipCredentialCommand command, CancellationToken cancellationToken)
    {
        var (provider, phoneNumberCount) = await providers.FindWithPhoneNumberCountAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        AuthTokenRotationConflicts.ThrowIfRotating(provider);
        RepairConflicts.ThrowIfRepairing(provider, timeProvider);
        await changes.CheckIfMatchAsync(provider, command.IfMatch, AuditActions.SipCredentialRotated, new Dictionary<string, object?>(), cancellationToken);

        var credentials = secretProtector.CredentialsOf(provider);
        var username = SipCredentialGenerator.NewUsername();
        var password = SipCredentialGenerator.NewPassword(SipCredentialGenerator.RotationPasswordLength);
        var listSid = provider.CredentialListSid;
        var settings = options.Value;

        // Committed before the create: if this process dies between the create and the commit below, the new credential
        // is deleted later instead of lingering unknown. It does nothing once the rotation committed (it is current then).
        await retirements.ScheduleNowAsync(
            new RetireSipCredentialCommand(provider.Id.Value, listSid, username, SipCredentialSid: null),
            timeProvider.GetUtcNow() + settings.UnfinishedRotationGracePeriod,
            cancellationToken);

        string sid;
        try
        {
            sid = await twilio.CreateSipCredentialAsync(credentials, listSid, username, password, cancellationToken);
        }
        catch (TwilioResourceNotFoundException notFound)
        {
            throw new TwilioCredentialListMissingException(listSid, notFound);
        }
        catch (Exception exception) when (exception is TwilioUnavailableException { OutcomeUnknown: true } or OperationCanceledException)
        {
            // It may exist: look it up by its username and delete it now (the job recorded above is the safety net).
            if (await twilio.TryDeleteSipCredentialByUsernameAsync(credentials, listSid, username, TimeSpan.FromSeconds(30), timeProvider) is { } cleanup)
            {
                logger.SipCredentialNotRetired(username, listSid, provider.Id.Value, cleanup.GetType().Name);
            }

            throw;
        }

        unitOfWork.RegisterCompensation(
            $"delete the new SIP credential {sid} of credential list {listSid}",
            token => twilio.DeleteSipCredentialAsync(credentials, listSid, sid, token));

        var now = timeProvider.GetUtcNow();
        var (oldUsername, oldSid) = (provider.SipUsername, provider.SipCredentialSid);
        var retiring = provider.RotateSipCredential(
            sid,
            username,
            secretProtector.Protect(TwilioSecrets.SipPassword, provider.Id.Value, password),
            now,
            now + settings.CredentialRotationGracePeriod);
        jobs.Enqueue(new RetireSipCredentialCommand(provider.Id.Value, listSid, retiring.Username, retiring.Sid), retiring.Until);
        verification.Schedule(provider);
        changes.Record(
            provider,
            AuditActions.SipCredentialRotated,
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["credentialListSid"] = listSid,
                ["previousSipUsername"] = oldUsername,
                ["previousSipCredentialSid"] = oldSid,
                ["sipUsername"] = username,
                ["sipCredentialSid"] = sid,
                ["sipCredentialVersion"] = provider.SipCredentialVersion,
                ["previousRetiresAt"] = retiring.Until,
            },
            new SipCredentialRotated(username, provider.SipCredentialVersion));
        logger.SipCredentialRotated(oldUsername, provider.Id.Value, username, provider.SipCredentialVersion, retiring.Until);

        return provider.Adapt<TwilioProviderResponse>(mappings) with { PhoneNumberCount = phoneNumberCount };
    }
}
