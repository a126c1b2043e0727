using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.TwilioProviders.Jobs.RetireSipCredential;

namespace VoipProviders.Application.UnitTests.Fakes;

/// <summary>
/// Records the retirements committed on their own (<see cref="ISipCredentialRetirements.ScheduleNowAsync"/>). Each one is
/// also written to <see cref="Journal"/> as <see cref="JournalEntry"/>, so a test can put it in order with other calls.
/// </summary>
public sealed class FakeSipCredentialRetirements : ISipCredentialRetirements
{
    public const string JournalEntry = "ScheduleRetirementNow";

    public List<(RetireSipCredentialCommand Job, DateTimeOffset NotBefore)> Scheduled { get; } = [];

    /// <summary>A journal shared with other fakes; every schedule appends <see cref="JournalEntry"/>.</summary>
    public List<string> Journal { get; set; } = [];

    /// <summary>When set, <see cref="ScheduleNowAsync"/> throws it (the database is unavailable) and records nothing.</summary>
    public Exception? Failure { get; set; }

    public Task ScheduleNowAsync(RetireSipCredentialCommand job, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        Journal.Add(JournalEntry);
        if (Failure is not null)
        {
            throw Failure;
        }

        Scheduled.Add((job, notBefore));
        return Task.CompletedTask;
    }
}
