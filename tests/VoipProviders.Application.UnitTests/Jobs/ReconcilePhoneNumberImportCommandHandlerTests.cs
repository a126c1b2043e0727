using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.BackgroundJobs;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.PhoneNumbers.Jobs.ReconcilePhoneNumberImport;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.Jobs;

/// <summary>What an import that never finished attached without recording it is detached from the trunk.</summary>
public sealed class ReconcilePhoneNumberImportCommandHandlerTests
{
    private const string TrunkSid = TestValues.TrunkSid;
    private const string ProviderToken = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private static readonly TwilioCredentials ProviderCredentials = new(TestValues.AccountSid, TwilioAuthToken.From(ProviderToken));

    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeImportedPhoneNumberRepository _phoneNumbers = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeBackgroundJobContext _job = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeLogger<ReconcilePhoneNumberImportCommandHandler> _logger = new();
    private readonly FakePhoneNumberImports _imports;
    private readonly TwilioProvider _provider;
    private readonly PhoneNumberImport _import;

    public ReconcilePhoneNumberImportCommandHandlerTests()
    {
        _imports = new FakePhoneNumberImports(_phoneNumbers, _time);
        _provider = TestValues.ConnectedProvider(_protector, authToken: ProviderToken, now: TestValues.Start);
        _providers.Seed(_provider);
        _twilio.Trunks[TrunkSid] = "vp-0123456789abcdef.pstn.twilio.com";
        _import = PhoneNumberImport.Start(Guid.CreateVersion7(), _provider.OrganizationId, _provider.Id, TrunkSid, TestValues.Start);
        _time.Advance(TimeSpan.FromMinutes(10));
    }

    private static string Sid(int n) => TestValues.PhoneNumberSid(n);

    private async Task<BackgroundJobOutcome> RunAsync() =>
        await new ReconcilePhoneNumberImportCommandHandler(
                _imports,
                new TwilioPhoneNumberTrunks(_providers, _protector),
                _phoneNumbers,
                _twilio,
                new PhoneNumberDetacher(_twilio, Options.Create(new PhoneNumberOptions())),
                _job,
                _time,
                _logger)
            .Handle(new ReconcilePhoneNumberImportCommand(_import.Id), CancellationToken.None);

    /// <summary>The import claimed numbers 1–4 to attach and 5 already on the trunk; 1, 2 and 5 are on the trunk now, 3 on no trunk, 4 elsewhere.</summary>
    private void ImportStoppedAfterAttaching()
    {
        _imports.SeedInFlight(_import, (Sid(1), true), (Sid(2), true), (Sid(3), true), (Sid(4), true), (Sid(5), false));
        _twilio.PhoneNumbers[Sid(1)] = TestValues.IncomingNumber(1, TrunkSid);
        _twilio.PhoneNumbers[Sid(2)] = TestValues.IncomingNumber(2, TrunkSid);
        _twilio.PhoneNumbers[Sid(3)] = TestValues.IncomingNumber(3);
        _twilio.PhoneNumbers[Sid(4)] = TestValues.IncomingNumber(4, TestValues.OtherTrunkSid);
        _twilio.PhoneNumbers[Sid(5)] = TestValues.IncomingNumber(5, TrunkSid);
        _twilio.PhoneNumbers[Sid(6)] = TestValues.IncomingNumber(6, TrunkSid);
    }

    [Fact]
    public async Task A_settled_import_is_done_without_calling_Twilio()
    {
        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unfinished_import_has_what_it_claimed_to_attach_and_did_not_record_detached_and_is_removed()
    {
        ImportStoppedAfterAttaching();

        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.CallsTo(GatewayOperation.ListTrunkPhoneNumberSids).Should().ContainSingle().Which.Arguments.Should().Equal(TrunkSid);
        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Select(c => (c.Argument<string>(0), c.Argument<string>(1)))
            .Should().BeEquivalentTo([(TrunkSid, Sid(1)), (TrunkSid, Sid(2))], "3 is on no trunk, 4 on another, 5 was on the trunk before, 6 is not the import's");
        _twilio.Calls.Should().AllSatisfy(call => call.Credentials.Should().Be(ProviderCredentials, "the provider's stored credentials, as they are now"));
        _twilio.PhoneNumbers[Sid(5)].TrunkSid.Should().Be(TrunkSid);
        _twilio.PhoneNumbers[Sid(6)].TrunkSid.Should().Be(TrunkSid);
        _imports.Removed.Should().Equal(_import.Id);
        _imports.Claims.Should().BeEmpty();
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains("never finished", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_number_whose_import_by_the_provider_is_committed_stays_attached()
    {
        ImportStoppedAfterAttaching();
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 2));

        await RunAsync();

        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Select(c => c.Argument<string>(1)).Should().Equal(Sid(1));
        _twilio.PhoneNumbers[Sid(2)].TrunkSid.Should().Be(TrunkSid);
    }

    [Fact]
    public async Task The_import_is_taken_before_anything_is_detached_so_that_it_can_no_longer_commit()
    {
        ImportStoppedAfterAttaching();
        // Detaches run in parallel: the hook is called from several threads at once.
        var statusWhenDetaching = new ConcurrentQueue<PhoneNumberImportStatus>();
        _twilio.BeforeCall = operation =>
        {
            if (operation == GatewayOperation.DetachPhoneNumber)
            {
                statusWhenDetaching.Enqueue(_import.Status);
            }
        };

        await RunAsync();

        statusWhenDetaching.Should().Equal(PhoneNumberImportStatus.Reconciling, PhoneNumberImportStatus.Reconciling);
    }

    [Fact]
    public async Task A_deleted_providers_import_is_removed_without_calling_Twilio()
    {
        ImportStoppedAfterAttaching();
        _providers.Remove(_provider);

        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty("the provider's clean-up deletes the trunk, and every number on it is detached with it");
        _imports.Removed.Should().Equal(_import.Id);
    }

    [Fact]
    public async Task A_Twilio_failure_is_retried_later_and_the_import_stays_taken()
    {
        ImportStoppedAfterAttaching();
        _twilio.FailOn(GatewayOperation.DetachPhoneNumber, new TwilioUnavailableException("Twilio failed with HTTP 503.", httpStatus: 503));

        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.RetryLater);
        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Should().HaveCount(2, "a failed detach does not stop the others");
        _imports.Stored[_import.Id].Should().BeEquivalentTo(new { Status = PhoneNumberImportStatus.Reconciling, FailedAttempts = 1 });
        _imports.ClaimsOf(_import.Id).Should().HaveCount(5);

        _job.Attempt = 2;
        (await RunAsync()).Should().Be(BackgroundJobOutcome.Completed);
        _twilio.PhoneNumbers.Values.Where(n => n.TrunkSid == TrunkSid).Select(n => n.Sid).Should().BeEquivalentTo([Sid(5), Sid(6)]);
        _imports.Removed.Should().Equal(_import.Id);
    }

    [Fact]
    public async Task On_its_last_attempt_it_gives_up_logs_the_numbers_and_releases_its_claims()
    {
        ImportStoppedAfterAttaching();
        _job.IsLastAttempt = true;
        _job.Attempt = 6;
        _twilio.FailOn(GatewayOperation.ListTrunkPhoneNumberSids, new TwilioUnavailableException("Twilio failed with HTTP 503.", httpStatus: 503));

        var outcome = await RunAsync();

        outcome.Should().Be(BackgroundJobOutcome.GaveUp);
        _imports.Stored[_import.Id].Status.Should().Be(PhoneNumberImportStatus.Abandoned);
        _imports.Claims.Should().BeEmpty("the numbers can be imported again: a number on the trunk is then recorded");
        var error = _logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Error).Subject;
        error.Message.Should().Contain(Sid(1)).And.Contain(Sid(4)).And.Contain(TrunkSid).And.NotContain(Sid(5)).And.NotContain(ProviderToken);
    }

    [Fact]
    public async Task Credentials_that_can_no_longer_be_decrypted_give_up_at_once()
    {
        var providerId = ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-0000000000c0"));
        var lostKey = TestValues.ConnectedProvider(_protector, id: providerId.Value, protectedAuthToken: _protector.Protect(TwilioSecrets.SipPassword, providerId.Value, ProviderToken));
        _providers.Seed(lostKey);
        var import = _imports.SeedInFlight(PhoneNumberImport.Start(Guid.CreateVersion7(), lostKey.OrganizationId, lostKey.Id, TrunkSid, TestValues.Start), (Sid(1), true));

        var outcome = await new ReconcilePhoneNumberImportCommandHandler(
                _imports,
                new TwilioPhoneNumberTrunks(_providers, _protector),
                _phoneNumbers,
                _twilio,
                new PhoneNumberDetacher(_twilio, Options.Create(new PhoneNumberOptions())),
                _job,
                _time,
                _logger)
            .Handle(new ReconcilePhoneNumberImportCommand(import.Id), CancellationToken.None);

        outcome.Should().Be(BackgroundJobOutcome.GaveUp);
        _twilio.Calls.Should().BeEmpty();
        import.Status.Should().Be(PhoneNumberImportStatus.Abandoned);
    }

    [Fact]
    public async Task An_abandoned_import_is_left_alone()
    {
        _imports.SeedInFlight(_import, (Sid(1), true));
        _import.Abandon(_time.GetUtcNow());

        (await RunAsync()).Should().Be(BackgroundJobOutcome.Completed);
        _twilio.Calls.Should().BeEmpty();
    }
}
