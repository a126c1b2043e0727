using Mediator;

namespace VoipProviders.Application.Contracts;

/// <summary>
/// The module's in-process entry point for other modules of the monolith. Commands and queries carry the caller's
/// OrganizationId explicitly and run through the same pipeline (validation, unit of work) as HTTP requests, so the
/// same tenancy rules apply: another organization's provider is simply not found.
/// </summary>
public interface IVoipProvidersModule
{
    ValueTask<TResult> ExecuteCommandAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken);

    ValueTask<TResult> ExecuteQueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken);
}
