using Mediator;
using Microsoft.Extensions.Options;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers.Verification;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.Providers.Jobs.VerifyProviderAfterChange;

public sealed class VerifyProviderAfterChangeCommandHandler(
    ProviderVerifier verifier,
    IBackgroundJobContext job,
    IOptions<VerificationOptions> options) : ICommandHandler<VerifyProviderAfterChangeCommand, BackgroundJobOutcome>
{
    public async ValueTask<BackgroundJobOutcome> Handle(VerifyProviderAfterChangeCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await verifier.VerifyAfterChangeAsync(ProviderId.From(command.ProviderId), command.Version, cancellationToken);
            return BackgroundJobOutcome.Completed;
        }
        catch (UpstreamFailureException)
        {
            // Inconclusive (logged by the verifier). A few more tries, then the scheduled sweep covers it.
            return job.Attempt < options.Value.AttemptsAfterChange && !job.IsLastAttempt
                ? BackgroundJobOutcome.RetryLater
                : BackgroundJobOutcome.Completed;
        }
    }
}
