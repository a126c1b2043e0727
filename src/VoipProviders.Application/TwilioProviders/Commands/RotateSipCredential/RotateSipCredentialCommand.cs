using Mediator;
using VoipProviders.Application.Common.Concurrency;
using VoipProviders.Domain.Common;

namespace VoipProviders.Application.TwilioProviders.Commands.RotateSipCredential;

/// <summary>
/// Replaces the provider's SIP credential without dropping a call: a new credential is created in the provider's
/// credential list and made current at once (the dial-out route answers it from the commit on); the old one keeps
/// working for <c>Sip:CredentialRotationGracePeriod</c> and is then deleted by a durable job.
/// </summary>
public sealed record RotateSipCredentialCommand(
    OrganizationId OrganizationId,
    ProviderId ProviderId,
    VersionPrecondition? IfMatch = null) : ICommand<TwilioProviderResponse>;
