using VoipProviders.Application.Common.BackgroundJobs;

namespace VoipProviders.Application.UnitTests.Fakes;

public sealed class FakeBackgroundJobContext : IBackgroundJobContext
{
    public int Attempt { get; set; } = 1;

    public bool IsLastAttempt { get; set; }
}
