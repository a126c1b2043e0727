using Mediator;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers.Commands.DeleteProvider;

/// <summary>
/// Deletes a provider of the organization, whatever its type, with everything it owns, in one commit. What it had built
/// outside the database is removed afterwards by a durable background job recorded in that same commit, so the deletion
/// neither waits for the upstream service nor depends on it being up.
/// </summary>
public sealed record DeleteProviderCommand(OrganizationId OrganizationId, ProviderId ProviderId, VersionPrecondition? IfMatch = null) : ICommand;
