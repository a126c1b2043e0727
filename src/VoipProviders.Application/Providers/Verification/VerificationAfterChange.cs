using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;
using VoipProviders.Domain.Providers;

namespace VoipProviders.Application.Providers.Verification;

/// <summary>
/// Queues the background re-verification of a provider a command has just changed, in that command's transaction:
/// it runs once the change commits and never when it does not (<c>Verification:VerifyAfterChanges</c> turns it off).
/// </summary>
public sealed class VerificationAfterChange(IBackgroundJobQueue jobs, IOptions<VerificationOptions> options)
{
    /// <summary>Call after the last change to <paramref name="provider"/>: the job verifies that version.</summary>
    public void Schedule(IVerifiableProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (options.Value.VerifyAfterChanges)
        {
            jobs.Enqueue(new VerifyProviderAfterChangeCommand(provider.Id.Value, provider.Version));
        }
    }
}
