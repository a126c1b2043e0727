using Quartz;
using VoipProviders.Application.Providers.Verification;

namespace VoipProviders.Infrastructure.BackgroundJobs;

/// <summary>
/// Fires the scheduled re-verification every <c>Verification:SweepPeriod</c>. Clustered and
/// <see cref="DisallowConcurrentExecutionAttribute"/>: one sweep runs at a time across all replicas; a replica that
/// dies mid-sweep leaves its claimed providers to be claimed again when their leases end.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class VerificationSweepJob(VerificationSweep sweep) : IJob
{
    public const string Group = "verification";

    public static readonly JobKey Key = new("verification-sweep", Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await sweep.RunAsync(cancellationToken);
}
