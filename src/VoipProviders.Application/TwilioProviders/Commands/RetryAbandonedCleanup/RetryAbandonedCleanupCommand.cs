using Mediator;
using VoipProviders.Application.Common.Messaging;

namespace VoipProviders.Application.TwilioProviders.Commands.RetryAbandonedCleanup;

/// <summary>
/// An operator's retry of an abandoned clean-up of a deleted provider's Twilio resources: the clean-up takes the current
/// Auth Token of the organization's provider connected to the same Twilio account (the tenant connected it again, say
/// after rotating the token the clean-up was refused with), becomes pending again and its durable job is queued in the
/// same commit. Sent over the internal operations API only.
/// </summary>
public sealed record RetryAbandonedCleanupCommand(Guid CleanupId) : ICommand<RetriedCleanupResponse>, IModuleInternalCommand;
