using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.PhoneNumbers.Jobs.ReconcilePhoneNumberImport;

/// <summary>
/// Settles an import once its grace period is over: gone already (the import committed, or detached what it attached and
/// cleaned up after itself) → nothing to do; still there → the import never finished, so the numbers it claimed to
/// attach and did not record are detached from the trunk. Queued with the import's claims, before its first attach.
/// </summary>
[BackgroundJob("phone-number-import-reconciliation")]
public sealed record ReconcilePhoneNumberImportCommand(Guid ImportId) : ICommand<BackgroundJobOutcome>, IBackgroundJob;
