using Mediator;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Application.TwilioProviders.Commands.CreateTwilioProvider;

/// <summary>
/// Connects a Twilio account to an organization: validates the credentials with Twilio, builds the SIP trunk in that
/// account and stores the provider. <see cref="AccountSid"/> is required (null answers 400 naming it, like every other
/// missing field).
/// </summary>
public sealed record CreateTwilioProviderCommand(
    OrganizationId OrganizationId,
    AccountSid? AccountSid,
    TwilioAuthToken AuthToken,
    string? Name = null,
    string? Region = null,
    bool? SupportsCallTransfer = null,
    bool? SecureTrunking = null) : ICommand<TwilioProviderResponse>;
