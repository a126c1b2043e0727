using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.Twilio;

namespace VoipProviders.Application.TwilioProviders.Jobs;

/// <summary>How one attempt of a durable Twilio clean-up ended, already booked on its record (see <see cref="TwilioCleanupRun"/>).</summary>
public sealed record TwilioCleanupOutcome(BackgroundJobOutcome Job, int Deleted = 0, TwilioGatewayException? Failure = null, bool CredentialsUnreadable = false)
{
    public bool Done => Job == BackgroundJobOutcome.Completed;
}
