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
    IPhoneNumberImports imports,
    ITwilioGateway twilio,
    PhoneNumberDetacher detacher,
    IPhoneNumberImportCheckpoints checkpoints,
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

        // Membership first: whether a number is imported anywhere is told only about the numbers of the caller's own
        // account, so a SID of someone else's account says nothing but "not found".
        var outcomes = new ConcurrentDictionary<string, Outcome>(StringComparer.Ordinal);
        var candidates = new List<TwilioIncomingNumber>();
        foreach (var sid in sids)
        {
            if (inAccount.TryGetValue(sid, out var number))
            {
                candidates.Add(number);
            }
            else
            {
                outcomes[sid] = Outcome.Failed(ImportErrorCodes.NotFound, "The Twilio account has no such number.");
            }
        }

        var holders = await imports.FindHoldersAsync([.. candidates.Select(n => n.Sid)], cancellationToken);
        var toClaim = new List<TwilioIncomingNumber>();
        foreach (var number in candidates)
        {
            if (holders.TryGetValue(number.Sid, out var holder))
            {
                outcomes[number.Sid] = Held(trunk, holder);
            }
            else if (number.TrunkSid is not null && number.TrunkSid != trunk.TrunkSid)
            {
                outcomes[number.Sid] = AttachedElsewhere();
            }
            else
            {
                toClaim.Add(number);
            }
        }

        if (toClaim.Count > 0)
        {
            var now = timeProvider.GetUtcNow();
            var import = PhoneNumberImport.Start(Guid.CreateVersion7(now), trunk.OrganizationId, trunk.ProviderId, trunk.TrunkSid, now);
            await checkpoints.PassedAsync(PhoneNumberImportPoint.Looked, import.Id, cancellationToken);
            await ImportAsync(credentials, trunk, import, toClaim, outcomes, cancellationToken);
        }

        return Record(trunk, sids, outcomes);
    }

    /// <summary>
    /// Claims the numbers (committed, with the durable reconciliation job, before the first attach), attaches those on no
    /// trunk, and has the import's record removed with the numbers' commit.
    /// </summary>
    private async Task ImportAsync(
        TwilioCredentials credentials,
        PhoneNumberTrunk trunk,
        PhoneNumberImport import,
        IReadOnlyList<TwilioIncomingNumber> toClaim,
        ConcurrentDictionary<string, Outcome> outcomes,
        CancellationToken cancellationToken)
    {
        var heldMeanwhile = await imports.ClaimAsync(
            import,
            [.. toClaim.Select(n => import.Claim(n.Sid, attach: n.TrunkSid is null))],
            import.CreatedAt + options.Value.UnfinishedImportGracePeriod,
            cancellationToken);

        // A concurrent import of a number got it first (claimed, or committed, between the look above and the claim):
        // only that number fails, the others go on.
        var toAttach = new List<TwilioIncomingNumber>();
        foreach (var number in toClaim)
        {
            if (heldMeanwhile.TryGetValue(number.Sid, out var holder))
            {
                outcomes[number.Sid] = Held(trunk, holder);
            }
            else if (number.TrunkSid == trunk.TrunkSid)
            {
                outcomes[number.Sid] = Outcome.Attached(number, byThisRequest: false);
            }
            else
            {
                toAttach.Add(number);
            }
        }

        if (heldMeanwhile.Count == toClaim.Count)
        {
            // Nothing claimed: the import was not recorded.
            return;
        }

        // Registered before the first attach: whatever ends the request early (cancellation, a crash of the loop, a
        // failed commit), the numbers it may have attached are accounted for — and if this process dies, the
        // reconciliation job committed with the claims detaches them.
        var attempted = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        RegisterDetachOfWhatThisRequestAttached(credentials, trunk, import.Id, attempted, outcomes);
        await checkpoints.PassedAsync(PhoneNumberImportPoint.Claimed, import.Id, cancellationToken);

        await Parallel.ForEachAsync(
            toAttach,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelAttaches, CancellationToken = cancellationToken },
            async (number, token) =>
            {
                attempted[number.Sid] = true;
                outcomes[number.Sid] = await AttachAsync(credentials, trunk, number, token);
            });

        await checkpoints.PassedAsync(PhoneNumberImportPoint.Attached, import.Id, cancellationToken);
        imports.Complete(import);
    }

    private static Outcome Held(PhoneNumberTrunk trunk, PhoneNumberHolder holder) =>
        holder.ProviderId != trunk.ProviderId
            ? Outcome.Failed(ImportErrorCodes.ImportedElsewhere, "The number is imported by another provider.")
            : holder.Committed
                ? Outcome.Failed(ImportErrorCodes.AlreadyImported, "This provider has imported the number already.")
                : Outcome.Failed(ImportErrorCodes.AlreadyImported, "Another request of this provider is importing the number right now.");

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
            // A create is never retried blindly: look where the number is now instead. Someone may have attached it a
            // moment ago, or this request may have although the answer was lost.
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
        Guid importId,
        IReadOnlyDictionary<string, bool> attempted,
        IReadOnlyDictionary<string, Outcome> outcomes)
    {
        var (providerId, trunkSid) = (trunk.ProviderId, trunk.TrunkSid);
        unitOfWork.RegisterCompensation(
            $"detach the numbers import {importId} attached to trunk {trunkSid}",
            async compensationToken =>
            {
                // Attached by someone else (found on our trunk after a refused attach): not ours to undo. An attach still
                // in flight when the request ended has no outcome: it may have happened.
                var ours = attempted.Keys
                    .Where(sid => !(outcomes.TryGetValue(sid, out var outcome) && !outcome.AttachedByThisRequest))
                    .ToList();

                // The record decides: a number whose import by this provider is committed stays attached.
                var committed = ours.Count == 0
                    ? []
                    : (await phoneNumbers.FindBySidsAsync(ours, compensationToken))
                        .Where(n => n.ProviderId == providerId)
                        .Select(n => n.PhoneNumberSid)
                        .ToHashSet(StringComparer.Ordinal);
                var failures = await detacher.DetachAsync(credentials, trunkSid, [.. ours.Where(sid => !committed.Contains(sid))], compensationToken);
                if (failures.Count > 0)
                {
                    // The import's record stays: its reconciliation job detaches them once its grace period is over.
                    logger.DetachLeftToReconciliation(importId, failures.Count, trunkSid);
                    return;
                }

                await imports.ForgetAsync(importId, compensationToken);
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
