using System.Collections.Concurrent;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Application.PhoneNumbers.Commands.ImportPhoneNumbers;

public sealed class ImportPhoneNumbersCommandHandler(
    IPhoneNumberTrunks trunks,
    IImportedPhoneNumberRepository phoneNumbers,
    ITwilioGateway twilio,
    IUnitOfWork unitOfWork,
    ProviderChanges changes,
    IAvailablePhoneNumberListInvalidation availableNumbers,
    IOptions<PhoneNumberOptions> options,
    TimeProvider timeProvider,
    ILogger<ImportPhoneNumbersCommandHandler> logger) : ICommandHandler<ImportPhoneNumbersCommand, ImportPhoneNumbersResponse>
{
    public async ValueTask<ImportPhoneNumbersResponse> Handle(ImportPhoneNumbersCommand command, CancellationToken cancellationToken)
    {
        var sids = command.PhoneNumberSids.Distinct(StringComparer.Ordinal).ToList();
        var trunk = await trunks.FindAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        availableNumbers.InvalidateWhenSettled(trunk.ProviderId);
        var credentials = trunk.Credentials();

        // The account as a whole first: if Twilio refuses it or is down, the request fails and nothing is recorded.
        await twilio.GetActiveAccountAsync(credentials, cancellationToken);
        var inAccount = (await twilio.ListIncomingPhoneNumbersAsync(credentials, cancellationToken))
            .ToDictionary(n => n.Sid, StringComparer.Ordinal);
        var importedAnywhere = (await phoneNumbers.FindBySidsAsync(sids, cancellationToken))
            .ToDictionary(n => n.PhoneNumberSid, StringComparer.Ordinal);

        var outcomes = new ConcurrentDictionary<string, Outcome>(StringComparer.Ordinal);
        var toAttach = new List<TwilioIncomingNumber>();
        foreach (var sid in sids)
        {
            if (importedAnywhere.TryGetValue(sid, out var existing))
            {
                outcomes[sid] = existing.ProviderId == trunk.ProviderId
                    ? Outcome.Failed(ImportErrorCodes.AlreadyImported, "This provider has imported the number already.")
                    : Outcome.Failed(ImportErrorCodes.ImportedElsewhere, "The number is imported by another provider.");
            }
            else if (!inAccount.TryGetValue(sid, out var number))
            {
                outcomes[sid] = Outcome.Failed(ImportErrorCodes.NotFound, "The Twilio account has no such number.");
            }
            else if (number.TrunkSid == trunk.TrunkSid)
            {
                outcomes[sid] = Outcome.Attached(number, byThisRequest: false);
            }
            else if (number.TrunkSid is not null)
            {
                outcomes[sid] = AttachedElsewhere();
            }
            else
            {
                toAttach.Add(number);
            }
        }

        // Registered before the first attach: whatever ends the request early (cancellation, a crash of the loop, a
        // failed commit), the numbers it may have attached are accounted for.
        var attempted = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        if (toAttach.Count > 0)
        {
            RegisterDetachOfWhatThisRequestAttached(credentials, trunk, attempted, outcomes);
        }

        await Parallel.ForEachAsync(
            toAttach,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelAttaches, CancellationToken = cancellationToken },
            async (number, token) =>
            {
                attempted[number.Sid] = true;
                outcomes[number.Sid] = await AttachAsync(credentials, trunk, number, token);
            });

        return Record(trunk, sids, outcomes);
    }

    private static Outcome AttachedElsewhere() =>
        Outcome.Failed(ImportErrorCodes.AttachedToOtherTrunk, "The number is attached to another trunk; detach it there first.");

    private async Task<Outcome> AttachAsync(TwilioCredentials credentials, PhoneNumberTrunk trunk, TwilioIncomingNumber number, CancellationToken cancellationToken)
    {
        try
        {
            await twilio.AttachPhoneNumberAsync(credentials, trunk.TrunkSid, number.Sid, cancellationToken);
            return Outcome.Attached(number, byThisRequest: true);
        }
        catch (TwilioGatewayException failure)
        {
            // A create is never retried blindly: look where the number is now instead. Another import may have
            // attached it a moment ago, or this one may have although the answer was lost.
            logger.AttachFailed(number.Sid, trunk.TrunkSid, failure.Code);
            try
            {
                var now = await twilio.FindIncomingPhoneNumberAsync(credentials, number.Sid, cancellationToken);
                return now?.TrunkSid switch
                {
                    { } attachedTo when attachedTo == trunk.TrunkSid =>
                        Outcome.Attached(number, byThisRequest: failure is TwilioUnavailableException { OutcomeUnknown: true }),
                    not null => AttachedElsewhere(),
                    null => Outcome.Failed(ImportErrorCodes.TrunkAttachmentFailed, "Twilio did not attach the number to the trunk."),
                };
            }
            catch (TwilioGatewayException)
            {
                return Outcome.Failed(ImportErrorCodes.TrunkAttachmentFailed, "Twilio did not attach the number to the trunk.");
            }
        }
    }

    private void RegisterDetachOfWhatThisRequestAttached(
        TwilioCredentials credentials,
        PhoneNumberTrunk trunk,
        IReadOnlyDictionary<string, bool> attempted,
        IReadOnlyDictionary<string, Outcome> outcomes)
    {
        var (providerId, trunkSid) = (trunk.ProviderId, trunk.TrunkSid);
        unitOfWork.RegisterCompensation(
            $"detach the numbers this import attached to trunk {trunkSid}",
            async compensationToken =>
            {
                foreach (var sid in attempted.Keys)
                {
                    // Attached by someone else (found on our trunk after a refused attach): not ours to undo.
                    // An attach still in flight when the request ended has no outcome: it may have happened.
                    if (outcomes.TryGetValue(sid, out var outcome) && !outcome.AttachedByThisRequest)
                    {
                        continue;
                    }

                    // A concurrent import of the same number may have committed it: that one stays attached.
                    if (!await phoneNumbers.IsCommittedAsync(providerId, sid, compensationToken))
                    {
                        await twilio.DetachPhoneNumberAsync(credentials, trunkSid, sid, compensationToken);
                    }
                }
            });
    }

    private ImportPhoneNumbersResponse Record(PhoneNumberTrunk trunk, IReadOnlyList<string> sids, IReadOnlyDictionary<string, Outcome> outcomes)
    {
        var now = timeProvider.GetUtcNow();
        var imported = new List<ImportedNumberResponse>();
        var references = new List<PhoneNumberReference>();
        var errors = new List<ImportErrorResponse>();
        foreach (var sid in sids)
        {
            var outcome = outcomes[sid];
            if (outcome.Number is not { } number)
            {
                errors.Add(new ImportErrorResponse(sid, outcome.ErrorCode!, outcome.ErrorMessage!));
                continue;
            }

            var recorded = ImportedPhoneNumber.Import(
                Guid.CreateVersion7(now), trunk.OrganizationId, trunk.ProviderId, number.Sid, number.PhoneNumber, number.FriendlyName, number.Capabilities, now);
            phoneNumbers.Add(recorded);
            imported.Add(new ImportedNumberResponse(recorded.Id, recorded.PhoneNumberSid, recorded.PhoneNumber));
            references.Add(PhoneNumberReferences.Of(recorded));
        }

        if (references.Count > 0)
        {
            changes.Record(
                trunk.OrganizationId,
                trunk.ProviderId,
                trunk.ProviderVersion,
                AuditActions.PhoneNumbersImported,
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["trunkSid"] = trunk.TrunkSid,
                    ["phoneNumberSids"] = references.Select(r => r.PhoneNumberSid).ToList(),
                    ["phoneNumbers"] = references.Select(r => r.PhoneNumber).ToList(),
                    ["failedSids"] = errors.Select(e => e.PhoneNumberSid).ToList(),
                },
                new PhoneNumbersImported(references));
        }

        logger.Imported(trunk.ProviderId.Value, imported.Count, errors.Count);
        return new ImportPhoneNumbersResponse(imported.Count, errors.Count, imported, errors);
    }

    private sealed record Outcome(TwilioIncomingNumber? Number, bool AttachedByThisRequest, string? ErrorCode, string? ErrorMessage)
    {
        public static Outcome Attached(TwilioIncomingNumber number, bool byThisRequest) => new(number, byThisRequest, null, null);

        public static Outcome Failed(string code, string message) => new(null, false, code, message);
    }
}
