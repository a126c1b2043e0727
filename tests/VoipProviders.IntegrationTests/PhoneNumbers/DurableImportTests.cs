using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.IntegrationTests.Infrastructure;
using VoipProviders.TwilioEmulator;

namespace VoipProviders.IntegrationTests.PhoneNumbers;

/// <summary>
/// An import commits its claims on the numbers, with a durable reconciliation job, before its first attach. Whatever
/// ends it without a commit — a failed commit, a compensation that cannot finish, a replica that stops between the
/// attaches and the commit — no number is left attached to the trunk without a record once the job has run.
/// </summary>
public sealed class DurableImportTests(IntegrationFixture fixture) : IntegrationTest(fixture)
{
    private ImportRows Rows => new(Fixture.ConnectionString);

    /// <summary>Makes the database refuse every import's commit (its numbers' INSERT) until disposed.</summary>
    private async Task<IAsyncDisposable> RefuseImportCommitsAsync()
    {
        await Database.ExecuteAsync("""
            CREATE FUNCTION voip_providers.test_refuse_imports() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'test: the database refuses the commit'; END $$;
            CREATE TRIGGER test_refuse_imports BEFORE INSERT ON voip_providers.imported_phone_numbers
            FOR EACH ROW EXECUTE FUNCTION voip_providers.test_refuse_imports();
            """);
        return new Cleanup(() => Database.ExecuteAsync("""
            DROP TRIGGER IF EXISTS test_refuse_imports ON voip_providers.imported_phone_numbers;
            DROP FUNCTION IF EXISTS voip_providers.test_refuse_imports();
            """));
    }

    /// <summary>
    /// Runs the imports' reconciliation jobs now, on the fixture's host, instead of after their grace period: the job the
    /// outbox handed to the scheduler is fired as it is stored.
    /// </summary>
    private async Task RunImportReconciliationNowAsync()
    {
        await EventuallyAsync(async () => (await Rows.ReconciliationsDueAsync()).Count > 0, "the import's reconciliation job reached the scheduler");
        var scheduler = await Fixture.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(IntegrationFixture.BackgroundJobGroup)))
        {
            if ((await scheduler.GetJobDetail(key))?.Description == ImportRows.ReconciliationJobName)
            {
                await scheduler.TriggerJob(key);
            }
        }
    }

    private IReadOnlyList<EmulatedPhoneNumber> AddNumbers(EmulatedAccount account, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Twilio.AddIncomingPhoneNumber(account.Sid, "+1415" + (5_100_000 + i).ToString(CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task An_import_stopped_between_its_attaches_and_its_commit_leaves_no_number_attached_without_a_record_once_its_job_ran()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        var (a, b) = (Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550101"), Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550102"));
        var onTrunkBefore = Twilio.AddIncomingPhoneNumber(provider.Account.Sid, "+14155550103");
        await TwilioConsoleAsync(provider.Account, HttpMethod.Post, $"/v1/Trunks/{trunkSid}/PhoneNumbers", new Dictionary<string, string> { ["PhoneNumberSid"] = onTrunkBefore.Sid });
        var started = DateTimeOffset.UtcNow;
        Fixture.ImportGate.HoldAt(PhoneNumberImportPoint.Attached);

        var import = ImportNumbersAsync(id, [a.Sid, b.Sid, onTrunkBefore.Sid]);
        await Fixture.ImportGate.Reached(PhoneNumberImportPoint.Attached).WaitAsync(TimeSpan.FromSeconds(30));

        // Stopped as a crash would leave it: attached in Twilio, nothing recorded, the claims and the job committed.
        Twilio.PhoneNumbers.Should().OnlyContain(n => n.TrunkSid == trunkSid);
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
        (await Rows.CountImportsAsync("pending")).Should().Be(1);
        (await Rows.ClaimsAsync()).Should().BeEquivalentTo(new Dictionary<string, bool> { [a.Sid] = true, [b.Sid] = true, [onTrunkBefore.Sid] = false });
        await EventuallyAsync(async () => (await Rows.ReconciliationsDueAsync()).Count == 1, "the import's reconciliation job reached the scheduler");
        (await Rows.ReconciliationsDueAsync()).Single().Should().BeOnOrAfter(started + TimeSpan.FromMinutes(10))
            .And.BeBefore(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10), "due one grace period (default 10 minutes) after the import started");
        Twilio.ClearRequests();

        await RunImportReconciliationNowAsync();
        await EventuallyAsync(async () => await Rows.CountImportsAsync() == 0, "the reconciliation detached what the import attached and removed the import");

        Twilio.Requests.Select(r => r.Operation).Should().BeEquivalentTo(
            [TwilioOperation.ListTrunkPhoneNumbers, TwilioOperation.DetachPhoneNumber, TwilioOperation.DetachPhoneNumber]);
        Twilio.RequestsFor(TwilioOperation.DetachPhoneNumber).Select(r => (r.Path, r.ResponseStatus)).Should().BeEquivalentTo(
        [
            ($"/v1/Trunks/{trunkSid}/PhoneNumbers/{a.Sid}", 204),
            ($"/v1/Trunks/{trunkSid}/PhoneNumbers/{b.Sid}", 204),
        ]);
        Twilio.Requests.Should().AllSatisfy(r => r.AuthUser.Should().Be(provider.Account.Sid));
        Twilio.PhoneNumbers.Where(n => n.TrunkSid is not null).Select(n => n.Sid).Should().Equal([onTrunkBefore.Sid], "it was on the trunk before the import");
        (await Rows.CountClaimsAsync()).Should().Be(0, "the numbers can be imported again");

        // The stopped import goes on: its commit finds its import taken and fails, recording nothing.
        Fixture.ImportGate.Release(PhoneNumberImportPoint.Attached);
        using var response = await import;
        response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        (await ReadJsonAsync(response)).GetProperty("code").GetString().Should().Be("concurrent_update");
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
        Twilio.PhoneNumbers.Where(n => n.TrunkSid is not null).Select(n => n.Sid).Should().Equal(onTrunkBefore.Sid);
        Agents.Events.OfType<PhoneNumbersImported>().Should().BeEmpty();
        await AssertSecretsNotLeakedAsync([provider.Account.AuthToken], provider.Account.Sid);
    }

    [Fact]
    public async Task When_the_commit_of_a_big_import_fails_every_number_it_attached_is_detached_in_parallel()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        var numbers = AddNumbers(provider.Account, 100);
        // The detaches meet here: only detaches running side by side get past it before their attempts time out.
        Twilio.SetBarrier(TwilioOperation.DetachPhoneNumber, parties: 8, timeout: TimeSpan.FromSeconds(30));
        await using (await RefuseImportCommitsAsync())
        {
            using var response = await ImportNumbersAsync(id, numbers.Select(n => n.Sid));

            response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        }

        Twilio.RequestsFor(TwilioOperation.AttachPhoneNumber).Should().HaveCount(100);
        var detaches = Twilio.RequestsFor(TwilioOperation.DetachPhoneNumber);
        detaches.Select(r => r.Path).Should().BeEquivalentTo(numbers.Select(n => $"/v1/Trunks/{trunkSid}/PhoneNumbers/{n.Sid}"), "each attached number once");
        detaches.Should().AllSatisfy(r => r.ResponseStatus.Should().Be(204));
        Twilio.PhoneNumbers.Should().OnlyContain(n => n.TrunkSid == null);
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
        (await Rows.CountImportsAsync()).Should().Be(0, "the compensation detached everything, so it forgot the import");
        (await Rows.CountClaimsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task What_a_failed_imports_compensation_could_not_detach_is_detached_by_its_job()
    {
        var provider = NewProvider();
        var id = await provider.ConnectAsync();
        var trunkSid = Twilio.Trunks.Single().Sid;
        var numbers = AddNumbers(provider.Account, 3);
        // Every attempt of every detach of the compensation fails.
        Twilio.EnqueueFaults(TwilioOperation.DetachPhoneNumber, [.. Enumerable.Repeat(EmulatedFault.Http(503), 3 * (VoipProvidersApiFactory.MaxRetryAttempts + 1))]);
        await using (await RefuseImportCommitsAsync())
        {
            using var response = await ImportNumbersAsync(id, numbers.Select(n => n.Sid));

            response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        }

        Twilio.PhoneNumbers.Should().OnlyContain(n => n.TrunkSid == trunkSid, "Twilio refused every detach");
        (await Rows.CountImportsAsync("pending")).Should().Be(1, "the import stays for its job");
        (await Rows.CountClaimsAsync()).Should().Be(3);
        Fixture.Logs.GetSnapshot().Should().Contain(r => r.Message.Contains("could not be detached", StringComparison.Ordinal));
        Twilio.PendingFaults(TwilioOperation.DetachPhoneNumber).Should().Be(0, "every attempt reached Twilio and failed");
        await Fixture.ResetCircuitAsync();
        Twilio.ClearRequests();

        await RunImportReconciliationNowAsync();
        await EventuallyAsync(async () => await Rows.CountImportsAsync() == 0, "the reconciliation detached the numbers and removed the import");

        Twilio.RequestsFor(TwilioOperation.ListTrunkPhoneNumbers).Should().ContainSingle();
        Twilio.RequestsFor(TwilioOperation.DetachPhoneNumber).Select(r => (r.Path, r.ResponseStatus))
            .Should().BeEquivalentTo(numbers.Select(n => ($"/v1/Trunks/{trunkSid}/PhoneNumbers/{n.Sid}", 204)));
        Twilio.PhoneNumbers.Should().OnlyContain(n => n.TrunkSid == null);
        (await Rows.CountClaimsAsync()).Should().Be(0);
        (await Database.CountImportedNumbersAsync()).Should().Be(0);
    }

    private sealed class Cleanup(Func<Task> cleanUp) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await cleanUp();
    }
}
