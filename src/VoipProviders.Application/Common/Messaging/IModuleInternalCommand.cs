namespace VoipProviders.Application.Common.Messaging;

/// <summary>
/// Marks a command only the module itself sends — a background job, a scheduler's step — that carries no organization
/// and acts on whatever provider its ids name. <c>IVoipProvidersModule</c> refuses it: other modules may only send
/// commands scoped to an organization. Every <see cref="BackgroundJobs.IBackgroundJob"/> is one.
/// </summary>
public interface IModuleInternalCommand;
