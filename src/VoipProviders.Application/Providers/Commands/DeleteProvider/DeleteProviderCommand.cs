using Mediator;
using VoipProviders.Application.Common.Concurrency;

namespace VoipProviders.Application.Providers.Commands.DeleteProvider;

/// <summary>
/// Deletes a provider of the organization with everything it owns, in one commit. The resources it had built in the
/// tenant's Twilio account are removed afterwards by a durable background job recorded in that same commit, so the
/// deletion neither waits for Twilio nor depends on it being up.
/// </summary>
public sealed record DeleteProviderCommand(string OrganizationId, Guid ProviderId, VersionPrecondition? IfMatch = null) : ICommand;
