using Mediator;
using VoipProviders.Application.TwilioProviders.AuthTokenRotations;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Jobs.StartScheduledAuthTokenRotation;

public sealed class StartScheduledAuthTokenRotationCommandHandler(
    ITwilioProviderRepository providers,
    AuthTokenRotationLifecycle lifecycle,
    TimeProvider timeProvider) : ICommandHandler<StartScheduledAuthTokenRotationCommand, bool>
{
    public async ValueTask<bool> Handle(StartScheduledAuthTokenRotationCommand command, CancellationToken cancellationToken)
    {
        var provider = await providers.FindForBackgroundWorkAsync(ProviderId.From(command.ProviderId), cancellationToken);
        if (provider is not { AuthTokenRotationEnabled: true, ActiveAuthTokenRotationId: null }
            || provider.NextAuthTokenRotationAt is not { } due
            || due > timeProvider.GetUtcNow())
        {
            return false;
        }

        // The provider's version is checked at the commit: a replica or a tenant that started one first wins, and this
        // pass's commit fails instead of starting a second.
        lifecycle.Start(provider, AuthTokenRotationTrigger.Scheduled, provider.AuthTokenRotationPropagationDelaySeconds, command.StartAfter);
        return true;
    }
}
