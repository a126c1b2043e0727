using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;

/// <summary>
/// Re-verifies a provider after a create, rotation or trunk-changing update committed at <paramref name="Version"/>,
/// so a new provider leaves <c>pending</c> within seconds and a fixed token clears <c>failed</c>. Retried a few times
/// while the upstream service is unavailable; after that the scheduled sweep takes over.
/// </summary>
[BackgroundJob("provider-verification-after-change")]
public sealed record VerifyProviderAfterChangeCommand(Guid ProviderId, long Version) : ICommand<BackgroundJobOutcome>, IBackgroundJob;
