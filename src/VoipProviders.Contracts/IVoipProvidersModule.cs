using Mediator;

namespace VoipProviders.Contracts;

/// <summary>
/// The module's in-process entry point for other modules of the monolith. Commands and queries carry the caller's
/// OrganizationId explicitly and run through the same pipeline (validation, unit of work) as HTTP requests, so the
/// same tenancy rules apply: another organization's provider is simply not found. Each call runs in a DI scope of its
/// own (its own unit of work), so a failed command never leaves changes behind for the next one.
/// <para>
/// The facade <b>trusts the OrganizationId its caller passes</b>: there is no token in-process. The calling module
/// must take it from its own authenticated context, never from user input it has not checked.
/// </para>
/// <para>
/// The module's own commands — its background jobs (clean-ups, reconciliations, verifications after a change) and
/// scheduler steps — carry no organization and are refused with an <see cref="System.InvalidOperationException"/>
/// before anything runs.
/// </para>
/// </summary>
public interface IVoipProvidersModule
{
    ValueTask<TResult> ExecuteCommandAsync<TResult>(ICommand<TResult> command, CancellationToken cancellationToken);

    ValueTask<TResult> ExecuteQueryAsync<TResult>(IQuery<TResult> query, CancellationToken cancellationToken);
}
