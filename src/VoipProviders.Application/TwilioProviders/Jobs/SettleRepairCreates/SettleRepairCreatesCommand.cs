using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.TwilioProviders.Jobs.SettleRepairCreates;

/// <summary>
/// Queued with a repair's announcement of a trunk or credential list it is about to create, due after the repair's
/// lease: if the repair stopped between the create and its record, deletes what it created. Does nothing once the
/// repair recorded the resource (or settled the announcement itself).
/// </summary>
[BackgroundJob("settle-repair-creates")]
public sealed record SettleRepairCreatesCommand(Guid ProviderId) : ICommand<BackgroundJobOutcome>, IBackgroundJob;
