using Mapster;
using Mediator;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.Providers;
using VoipProviders.Domain.TwilioProviders.AuthTokenRotations;

namespace VoipProviders.Application.TwilioProviders.Commands.SetAuthTokenRotationPolicy;

public sealed class SetAuthTokenRotationPolicyCommandHandler(
    ITwilioProviderRepository providers,
    ProviderChanges changes,
    TypeAdapterConfig mappings,
    TimeProvider timeProvider) : ICommandHandler<SetAuthTokenRotationPolicyCommand, TwilioProviderResponse>
{
    public async ValueTask<TwilioProviderResponse> Handle(SetAuthTokenRotationPolicyCommand command, CancellationToken cancellationToken)
    {
        var (provider, phoneNumberCount) = await providers.FindWithPhoneNumberCountAsync(command.OrganizationId, command.ProviderId, cancellationToken)
            ?? throw new NotFoundException("Twilio provider", command.ProviderId.Value);
        command.IfMatch?.Check(provider.Version);

        var previous = provider.AuthTokenRotationPolicy;
        var policy = new AuthTokenRotationPolicy(
            command.Enabled!.Value,
            command.IntervalDays ?? AuthTokenRotationPolicy.DefaultIntervalDays,
            command.PropagationDelaySeconds ?? AuthTokenRotation.DefaultPropagationDelaySeconds);
        if (provider.SetAuthTokenRotationPolicy(policy, timeProvider.GetUtcNow()))
        {
            changes.Record(
                provider,
                AuditActions.AuthTokenRotationPolicyUpdated,
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["old"] = Describe(previous),
                    ["new"] = Describe(policy),
                    ["nextRotationAt"] = provider.NextAuthTokenRotationAt,
                });
        }

        return provider.Adapt<TwilioProviderResponse>(mappings) with { PhoneNumberCount = phoneNumberCount };
    }

    private static Dictionary<string, object?> Describe(AuthTokenRotationPolicy policy) => new(StringComparer.Ordinal)
    {
        ["enabled"] = policy.Enabled,
        ["intervalDays"] = policy.IntervalDays,
        ["propagationDelaySeconds"] = policy.PropagationDelaySeconds,
    };
}
