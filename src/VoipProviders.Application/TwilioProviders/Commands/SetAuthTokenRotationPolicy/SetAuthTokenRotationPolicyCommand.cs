using Mediator;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Commands.SetAuthTokenRotationPolicy;

/// <summary>
/// Sets whether the module rotates the provider's Auth Token by itself, every <see cref="IntervalDays"/> days (default
/// 90) with <see cref="PropagationDelaySeconds"/> (default 60) before each promotion. The first rotation is due an
/// interval after the token last changed (at once if that has passed). The answer is the provider.
/// </summary>
public sealed record SetAuthTokenRotationPolicyCommand(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    bool? Enabled,
    int? IntervalDays,
    int? PropagationDelaySeconds,
    VersionPrecondition? IfMatch = null) : ICommand<TwilioProviderResponse>;
