using VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;

namespace VoipProviders.Application.TwilioProviders;

/// <summary>Durable retirements of SIP credentials, for the one that must be recorded before anything exists in Twilio.</summary>
public interface ISipCredentialRetirements
{
    /// <summary>
    /// Queues <paramref name="job"/> due at <paramref name="notBefore"/> and commits it at once, in a transaction of its
    /// own: a rotation records this before it creates the new credential, so a crash after the create (before the
    /// rotation's commit) leaves a credential that is deleted later instead of one nobody knows of.
    /// </summary>
    Task ScheduleNowAsync(RetireSipCredentialCommand job, DateTimeOffset notBefore, CancellationToken cancellationToken);
}
