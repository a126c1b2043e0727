using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.Infrastructure.BackgroundJobs;
using VoipProviders.IntegrationTests.Infrastructure;

namespace VoipProviders.IntegrationTests.BackgroundJobs;

/// <summary>
/// How commits wake the outbox dispatcher: one pending wake-up covers any number of commits, and a commit that may
/// have come too late for a running dispatcher gets one more run after it.
/// </summary>
public sealed class OutboxWakeUpTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private const string Poll = "outbox-poll";
    private const string WakeUp = "outbox-wake-up";

    [Fact]
    public async Task A_burst_of_commits_queues_one_wake_up_of_the_dispatcher_and_every_job_still_runs()
    {
        await Fixture.PauseBackgroundJobsAsync();

        const int commits = 5;
        for (var i = 0; i < commits; i++)
        {
            await ConnectAsync();
        }

        (await Database.CountOutboxAsync()).Should().BeGreaterThanOrEqualTo(commits, "each connect queued its jobs in the outbox");
        (await Database.DispatcherTriggersAsync()).Keys.Should().BeEquivalentTo(
            [Poll, WakeUp], "five commits queued one wake-up between them (it used to be one trigger, and one dispatcher run, per commit)");

        await using var replica = await Fixture.StartHostAsync();

        await EventuallyAsync(
            async () => await Database.CountOutboxAsync() == 0 && !(await Database.DispatcherTriggersAsync()).ContainsKey(WakeUp),
            "a replica that runs jobs fired the wake-up, and the dispatcher handed every queued job to the scheduler");
    }

    [Fact]
    public async Task A_commit_while_the_dispatcher_runs_gets_one_more_run_after_that_run()
    {
        await Fixture.PauseBackgroundJobsAsync();
        await using var replica = await Fixture.StartHostAsync();
        var scheduler = await replica.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var wakeUpRuns = new WakeUpRunCounter();
        scheduler.ListenerManager.AddJobListener(wakeUpRuns, [Matchers.Key(OutboxDispatchJob.Key)]);
        var notifier = replica.Services.GetRequiredService<IOutboxNotifier>();
        // Only the wake-up fires the dispatcher in this test (the poll is the cluster's: resumed whatever happens).
        var poll = new TriggerKey(Poll, OutboxDispatchJob.Group);
        await scheduler.PauseTrigger(poll);
        try
        {
            await EventuallyAsync(async () => await Database.CountRunningDispatchersAsync() == 0, "no dispatcher run from before the pause is left");

            await using (await Database.LockOutboxAsync())
            {
                await notifier.NotifyAsync();
                await EventuallyAsync(
                    async () => (await Database.DispatcherTriggersAsync()).GetValueOrDefault(WakeUp) == "COMPLETE" && await Database.CountRunningDispatchersAsync() == 1,
                    "the first commit's wake-up fired, and its run waits at the locked outbox");

                // The running dispatcher may have read the outbox before this commit: a new wake-up is stored, held back.
                await notifier.NotifyAsync();
                (await Database.DispatcherTriggersAsync()).Should().Contain(WakeUp, "BLOCKED", "the new wake-up waits for the running dispatcher");
                wakeUpRuns.Count.Should().Be(1);
            }

            await EventuallyAsync(
                async () => wakeUpRuns.Count == 2 && !(await Database.DispatcherTriggersAsync()).ContainsKey(WakeUp),
                "the end of the first run did not delete the new wake-up, which then ran the dispatcher again");
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            wakeUpRuns.Count.Should().Be(2, "two commits, the second while the first one's run went on: exactly two runs");
        }
        finally
        {
            await scheduler.ResumeTrigger(poll);
        }
    }

    private sealed class WakeUpRunCounter : IJobListener
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public string Name => nameof(WakeUpRunCounter);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            if (context.Trigger.Key.Equals(OutboxDispatchJob.WakeUpKey))
            {
                Interlocked.Increment(ref _count);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;
    }
}
