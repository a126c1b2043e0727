using Mediator;
using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;

/// <summary>
/// Deletes a SIP credential from a provider's credential list unless it is the provider's current one: the credential a
/// rotation replaced (after its grace period), or a rotation's new credential that was never stored (the process died
/// before the rotation committed). <see cref="SipCredentialSid"/> is null for the latter: it is found by
/// <see cref="Username"/>. A credential that is already gone counts as retired.
/// </summary>
[BackgroundJob("retire-sip-credential")]
public sealed record RetireSipCredentialCommand(Guid ProviderId, string CredentialListSid, string Username, string? SipCredentialSid)
    : ICommand<BackgroundJobOutcome>, IBackgroundJob;
