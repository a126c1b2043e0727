using Mediator;
using Microsoft.Extensions.Logging;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.PhoneNumbers.Commands.RemovePhoneNumber;

public sealed class RemovePhoneNumberCommandHandler(
    IPhoneNumberTrunks trunks,
    IImportedPhoneNumberRepository phoneNumbers,
    IEnumerable<IPhoneNumberUsage> usages,
    ITwilioGateway twilio,
    IUnitOfWork unitOfWork,
    ProviderChanges changes,
    IAvailablePhoneNumberListInvalidation availableNumbers,
    ILogger<RemovePhoneNumberCommandHandler> logger) : ICommandHandler<RemovePhoneNumberCommand>
{
    public async ValueTask<Unit> Handle(RemovePhoneNumberCommand command, CancellationToken cancellationToken)
    {
        var trunk = await trunks.FindAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        availableNumbers.InvalidateWhenSettled(trunk.ProviderId);
        var number = await phoneNumbers.FindAsync(command.OrganizationId, command.ProviderId, command.PhoneNumberId, cancellationToken)
            ?? throw new NotFoundException("Phone number", command.PhoneNumberId);
        var reference = PhoneNumberReferences.Of(number);

        var users = new List<PhoneNumberUser>();
        foreach (var usage in usages)
        {
            users.AddRange(await usage.FindUsersAsync(reference, cancellationToken));
        }

        if (users.Count > 0 && !command.Force)
        {
            throw new PhoneNumberInUseException(number.PhoneNumber, users);
        }

        // Twilio first: if it refuses or is down, nothing has changed anywhere — not even the users' links, which are
        // released only after the commit.
        var credentials = trunk.Credentials();
        var (providerId, trunkSid, sid) = (trunk.ProviderId, trunk.TrunkSid, number.PhoneNumberSid);
        // Registered before the detach: a detach that took effect although its answer was an error (or the request
        // ended right after it) is undone as well, as long as the number's record is still there.
        unitOfWork.RegisterCompensation(
            $"re-attach number {sid} to trunk {trunkSid}",
            async compensationToken =>
            {
                if (await phoneNumbers.IsCommittedAsync(providerId, sid, compensationToken)
                    && await twilio.FindIncomingPhoneNumberAsync(credentials, sid, compensationToken) is { TrunkSid: null })
                {
                    await twilio.AttachPhoneNumberAsync(credentials, trunkSid, sid, compensationToken);
                }
            });
        await twilio.DetachPhoneNumberAsync(credentials, trunkSid, sid, cancellationToken);

        if (users.Count > 0)
        {
            // Only once the removal is committed: a removal that fails (Twilio, or the commit) leaves the users' links.
            foreach (var usage in usages)
            {
                unitOfWork.OnCommitted($"release number {sid} in {usage.GetType().Name}", token => usage.ReleaseAsync(reference, token));
            }
        }

        phoneNumbers.Remove(number);
        changes.Record(
            trunk.OrganizationId,
            providerId,
            trunk.ProviderVersion,
            AuditActions.PhoneNumberRemoved,
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["phoneNumberId"] = number.Id,
                ["phoneNumberSid"] = sid,
                ["phoneNumber"] = number.PhoneNumber,
                ["trunkSid"] = trunkSid,
                ["force"] = command.Force,
                ["releasedFromUsers"] = users.Count,
            },
            new PhoneNumberRemoved(reference, Forced: command.Force && users.Count > 0, WithProvider: false));
        logger.Removed(sid, number.Id, providerId.Value, users.Count);
        return Unit.Value;
    }
}
