using Microsoft.Extensions.DependencyInjection;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Interfaces;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

/// <summary>Records a retirement job through a unit of work of its own, in a fresh DI scope: it commits whatever becomes of the caller's.</summary>
internal sealed class SipCredentialRetirements(IServiceScopeFactory scopes) : ISipCredentialRetirements
{
    public async Task ScheduleNowAsync(RetireSipCredentialCommand job, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IBackgroundJobQueue>().Enqueue(job, notBefore);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(cancellationToken);
    }
}
