using Mediator;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

/// <summary>
/// Connects a Twilio account to an organization: validates the credentials with Twilio, builds the SIP trunk in that
/// account and stores the provider.
/// </summary>
public sealed record CreateTwilioProviderCommand(
    string OrganizationId,
    string AccountSid,
    TwilioAuthToken AuthToken,
    string? Name = null,
    string? Region = null,
    bool? SupportsCallTransfer = null) : ICommand<TwilioProviderResponse>;
