using Mediator;
using VoipProviders.Application.Common.Messaging;

namespace VoipProviders.Application.TwilioProviders.Jobs.StartScheduledAuthTokenRotation;

/// <summary>
/// Starts the rotation a provider's policy has made due, unless it is no longer due or one already runs (another pass, or
/// the tenant, was first). Its first step runs after <see cref="StartAfter"/> (the scheduler's jitter). True when started.
/// </summary>
public sealed record StartScheduledAuthTokenRotationCommand(Guid ProviderId, TimeSpan StartAfter) : ICommand<bool>, IModuleInternalCommand;
