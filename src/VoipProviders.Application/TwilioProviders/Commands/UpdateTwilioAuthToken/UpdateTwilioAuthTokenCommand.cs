using Mediator;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.TwilioProviders.Commands.UpdateTwilioAuthToken;

/// <summary>
/// Rotates a provider's Auth Token. Twilio must accept the new token for the provider's Account SID before anything is
/// stored; otherwise nothing changes. With <see cref="IfMatch"/>, only that version of the provider is changed.
/// </summary>
public sealed record UpdateTwilioAuthTokenCommand(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    TwilioAuthToken AuthToken,
    VersionPrecondition? IfMatch = null) : ICommand<TwilioProviderResponse>;
