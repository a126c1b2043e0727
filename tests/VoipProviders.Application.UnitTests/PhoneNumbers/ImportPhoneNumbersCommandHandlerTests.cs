using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Common.Exceptions;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Application.PhoneNumbers.Commands.ImportPhoneNumbers;
using VoipProviders.Application.Providers;
using VoipProviders.Application.Twilio;
using VoipProviders.Application.TwilioProviders;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Application.UnitTests.PhoneNumbers;

public sealed class ImportPhoneNumbersCommandHandlerTests
{
    private const string TrunkSid = TestValues.TrunkSid;
    private const string OtherTrunkSid = TestValues.OtherTrunkSid;

    /// <summary>The provider's own token, distinct from the shared sample: a call made with it can only use the stored credentials.</summary>
    private const string ProviderToken = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    private const string AttachFailedMessage = "Twilio did not attach the number to the trunk.";

    private static readonly TwilioCredentials ProviderCredentials = new(TestValues.AccountSid, TwilioAuthToken.From(ProviderToken));
    private static readonly Guid OtherProviderId = Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef");

    private readonly FakeTwilioProviderRepository _providers = new();
    private readonly FakeImportedPhoneNumberRepository _phoneNumbers = new();
    private readonly FakeTwilioGateway _twilio = new();
    private readonly FakeSecretProtector _protector = new();
    private readonly FakeUnitOfWork _unitOfWork = new();
    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly FakeTimeProvider _time = new(TestValues.Start);
    private readonly FakeLogger<ImportPhoneNumbersCommandHandler> _logger = new();
    private readonly FakePhoneNumberImports _imports;
    private readonly TwilioProvider _provider;

    public ImportPhoneNumbersCommandHandlerTests()
    {
        _imports = new FakePhoneNumberImports(_phoneNumbers, _time);
        _provider = TestValues.ConnectedProvider(_protector, authToken: ProviderToken, now: TestValues.Start);
        _providers.Seed(_provider);
        _time.Advance(TimeSpan.FromDays(2));
    }

    private static string Sid(int n) => TestValues.PhoneNumberSid(n);

    private static TwilioIncomingNumber Number(int n, string? trunkSid = null) => TestValues.IncomingNumber(n, trunkSid);

    private static readonly TimeSpan GracePeriod = TimeSpan.FromMinutes(7);

    private ImportPhoneNumbersCommandHandler Handler(int maxParallelAttaches = 8)
    {
        var options = Options.Create(new PhoneNumberOptions { MaxParallelAttaches = maxParallelAttaches, UnfinishedImportGracePeriod = GracePeriod });
        return new(
            new TwilioPhoneNumberTrunks(_providers, _protector),
            _phoneNumbers,
            _imports,
            _twilio,
            new PhoneNumberDetacher(_twilio, options),
            new NoPhoneNumberImportCheckpoints(),
            _unitOfWork,
            new ProviderChanges(_outbox, _audit),
            new RecordingAvailablePhoneNumberListInvalidation(),
            options,
            _time,
            _logger);
    }

    /// <summary>An import of another request, in flight for <paramref name="provider"/>, holding claims on the numbers.</summary>
    private void ImportInFlight(TwilioProvider provider, params int[] numbers) =>
        _imports.SeedInFlight(
            PhoneNumberImport.Start(Guid.CreateVersion7(), provider.OrganizationId, provider.Id, provider.TrunkSid, _time.GetUtcNow()),
            [.. numbers.Select(n => (Sid(n), true))]);

    private ImportPhoneNumbersCommand Command(params string[] sids) => new(TestValues.OrganizationId, _provider.Id, sids);

    private async Task<ImportPhoneNumbersResponse> ImportAsync(params string[] sids) =>
        await Handler().Handle(Command(sids), CancellationToken.None);

    private void InAccount(params TwilioIncomingNumber[] numbers)
    {
        foreach (var number in numbers)
        {
            _twilio.PhoneNumbers[number.Sid] = number;
        }
    }

    private IEnumerable<(string TrunkSid, string PhoneNumberSid)> CallsOf(string operation) =>
        _twilio.CallsTo(operation).Select(c => (c.Argument<string>(0), c.Argument<string>(1)));

    /// <summary>Makes the attach of <paramref name="sid"/> see the account as a concurrent request left it.</summary>
    private void WhileAttaching(string sid, Func<TwilioIncomingNumber?, TwilioIncomingNumber?> change) =>
        _twilio.DuringCall = (operation, arguments) =>
        {
            if (operation == GatewayOperation.AttachPhoneNumber && (string)arguments[1]! == sid)
            {
                lock (_twilio.PhoneNumbers)
                {
                    var changed = change(_twilio.PhoneNumbers.GetValueOrDefault(sid));
                    if (changed is null)
                    {
                        _twilio.PhoneNumbers.Remove(sid);
                    }
                    else
                    {
                        _twilio.PhoneNumbers[sid] = changed;
                    }
                }
            }

            return Task.CompletedTask;
        };

    private static TwilioGatewayException Failure(string kind) => kind switch
    {
        "rejected" => new TwilioRequestRejectedException("Twilio rejected the request with HTTP 400, code 21220.", 21220, 400),
        "not found" => new TwilioResourceNotFoundException("Twilio has no such resource.", 20404),
        "rate limited" => new TwilioRateLimitedException(TimeSpan.FromSeconds(1), 20429),
        "unavailable" => new TwilioUnavailableException("Twilio failed with HTTP 503.", httpStatus: 503),
        "outcome unknown" => new TwilioUnavailableException("Twilio failed with HTTP 500.", httpStatus: 500, outcomeUnknown: true),
        "credentials rejected" => new TwilioCredentialsRejectedException(20003, 401),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Nothing recorded, nothing announced, and a compensation of the request undoes nothing in Twilio.</summary>
    private async Task NothingShouldHaveBeenRecordedAsync()
    {
        _phoneNumbers.Added.Should().BeEmpty();
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();

        await _unitOfWork.CompensateAsync();
        _unitOfWork.CompensationFailures.Should().BeEmpty();
        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Should().BeEmpty("this request attached nothing");
    }

    [Fact]
    public async Task Handle_Should_attach_each_free_number_to_the_providers_trunk()
    {
        InAccount(Number(1), Number(2));

        await ImportAsync(Sid(1), Sid(2));

        CallsOf(GatewayOperation.AttachPhoneNumber).Should().BeEquivalentTo([(TrunkSid, Sid(1)), (TrunkSid, Sid(2))]);
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().Be(TrunkSid);
        _twilio.PhoneNumbers[Sid(2)].TrunkSid.Should().Be(TrunkSid);
    }

    [Fact]
    public async Task Handle_Should_check_the_account_and_list_its_numbers_before_attaching_anything()
    {
        InAccount(Number(1));

        await ImportAsync(Sid(1));

        _twilio.Operations.Should().Equal(
            GatewayOperation.FetchAccount,
            GatewayOperation.ListIncomingPhoneNumbers,
            GatewayOperation.AttachPhoneNumber);
    }

    [Fact]
    public async Task Handle_Should_record_each_attached_number_for_the_providers_organization_as_Twilio_lists_it()
    {
        InAccount(Number(1), Number(2));

        await ImportAsync(Sid(1), Sid(2));

        _phoneNumbers.Added.Should().HaveCount(2);
        _phoneNumbers.Added[0].Should().BeEquivalentTo(new
        {
            OrganizationId = TestValues.OrganizationId,
            ProviderId = _provider.Id,
            PhoneNumberSid = Sid(1),
            PhoneNumber = "+14155550001",
            FriendlyName = "(415) 555-0001",
            Capabilities = new PhoneNumberCapabilities(Voice: true, Sms: false, Mms: false),
            CreatedAt = _time.GetUtcNow(),
        });
        _phoneNumbers.Added[1].Should().BeEquivalentTo(new
        {
            PhoneNumberSid = Sid(2),
            PhoneNumber = "+14155550002",
            FriendlyName = "(415) 555-0002",
            Capabilities = new PhoneNumberCapabilities(Voice: true, Sms: true, Mms: false),
        });
        _phoneNumbers.Added.Should().AllSatisfy(n => n.Id.Version.Should().Be(7));
        _phoneNumbers.Added.Select(n => n.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Handle_Should_answer_with_the_ids_of_the_recorded_numbers_and_no_errors_When_every_number_is_imported()
    {
        InAccount(Number(1), Number(2));

        var response = await ImportAsync(Sid(1), Sid(2));

        response.SuccessCount.Should().Be(2);
        response.FailedCount.Should().Be(0);
        response.Errors.Should().BeEmpty();
        response.Imported.Should().Equal(
            new ImportedNumberResponse(_phoneNumbers.Added[0].Id, Sid(1), "+14155550001"),
            new ImportedNumberResponse(_phoneNumbers.Added[1].Id, Sid(2), "+14155550002"));
    }

    [Fact]
    public async Task Handle_Should_use_the_providers_stored_credentials_for_every_Twilio_call_including_the_compensation()
    {
        InAccount(Number(1), Number(2));
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure("rejected"), callNumber: 2);

        await Handler(maxParallelAttaches: 1).Handle(Command(Sid(1), Sid(2)), CancellationToken.None);
        await _unitOfWork.CompensateAsync();

        _twilio.Operations.Should().Contain([GatewayOperation.FindIncomingPhoneNumber, GatewayOperation.DetachPhoneNumber]);
        _twilio.Calls.Should().AllSatisfy(call => call.Credentials.Should().Be(ProviderCredentials));
    }

    [Theory]
    [InlineData("another purpose")]
    [InlineData("another owner")]
    public async Task Handle_Should_fail_without_calling_Twilio_When_the_stored_token_was_not_protected_as_this_providers_auth_token(string binding)
    {
        var providerId = ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-0000000000c0"));
        var token = binding == "another purpose"
            ? _protector.Protect(TwilioSecrets.SipPassword, providerId.Value, ProviderToken)
            : _protector.Protect(TwilioSecrets.AuthToken, OtherProviderId, ProviderToken);
        _providers.Seed(TestValues.ConnectedProvider(_protector, id: providerId.Value, protectedAuthToken: token));
        InAccount(Number(1));

        var act = async () => await Handler().Handle(new ImportPhoneNumbersCommand(TestValues.OrganizationId, providerId, [Sid(1)]), CancellationToken.None);

        await act.Should().ThrowAsync<CryptographicException>();
        _twilio.Calls.Should().BeEmpty();
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_count_a_SID_given_twice_once()
    {
        InAccount(Number(1), Number(2));

        var response = await ImportAsync(Sid(1), Sid(2), Sid(1), Sid(9), Sid(9));

        CallsOf(GatewayOperation.AttachPhoneNumber).Should().BeEquivalentTo([(TrunkSid, Sid(1)), (TrunkSid, Sid(2))]);
        _phoneNumbers.Added.Select(n => n.PhoneNumberSid).Should().Equal(Sid(1), Sid(2));
        response.SuccessCount.Should().Be(2);
        response.FailedCount.Should().Be(1);
        response.Imported.Select(n => n.PhoneNumberSid).Should().Equal(Sid(1), Sid(2));
        response.Errors.Should().ContainSingle().Which.PhoneNumberSid.Should().Be(Sid(9));
    }

    [Fact]
    public async Task Handle_Should_answer_in_the_order_of_the_request_whatever_order_the_attaches_finish_in()
    {
        InAccount(Number(1), Number(2), Number(3));
        _twilio.DuringCall = (operation, arguments) => operation == GatewayOperation.AttachPhoneNumber
            ? Task.Delay((string)arguments[1]! == Sid(3) ? 150 : (string)arguments[1]! == Sid(1) ? 75 : 0)
            : Task.CompletedTask;

        var response = await ImportAsync(Sid(3), Sid(8), Sid(1), Sid(7), Sid(2));

        response.Imported.Select(n => n.PhoneNumberSid).Should().Equal(Sid(3), Sid(1), Sid(2));
        response.Errors.Select(e => e.PhoneNumberSid).Should().Equal(Sid(8), Sid(7));
        _phoneNumbers.Added.Select(n => n.PhoneNumberSid).Should().Equal(Sid(3), Sid(1), Sid(2));
    }

    [Fact]
    public async Task Handle_Should_report_already_imported_without_calling_Twilio_for_it_When_this_provider_imported_the_number_before()
    {
        InAccount(Number(1, TrunkSid));
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 1));

        var response = await ImportAsync(Sid(1));

        response.Should().BeEquivalentTo(new ImportPhoneNumbersResponse(
            0, 1, [], [new ImportErrorResponse(Sid(1), ImportErrorCodes.AlreadyImported, "This provider has imported the number already.")]));
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.ListIncomingPhoneNumbers);
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Theory]
    [InlineData("org-42")] // TestValues.OrganizationId
    [InlineData("org-7")] // TestValues.OtherOrganizationId
    public async Task Handle_Should_report_imported_elsewhere_revealing_nothing_about_the_other_provider_When_another_provider_imported_the_number(
        string otherOrganizationId)
    {
        var other = TestValues.ConnectedProvider(_protector, id: OtherProviderId, organizationId: OrganizationId.Parse(otherOrganizationId), name: "Confidential Twilio");
        _phoneNumbers.Seed(TestValues.ImportedNumber(other, 1));
        InAccount(Number(1));

        var response = await ImportAsync(Sid(1));

        var error = response.Errors.Should().ContainSingle().Subject;
        error.Should().Be(new ImportErrorResponse(Sid(1), ImportErrorCodes.ImportedElsewhere, "The number is imported by another provider."));
        error.ErrorMessage.Should().NotContain(OtherProviderId.ToString())
            .And.NotContain(otherOrganizationId)
            .And.NotContain("Confidential");
        response.SuccessCount.Should().Be(0);
        _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().BeEmpty("a number is imported by one provider only, even when it is free in Twilio");
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().BeNull();
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_report_not_found_without_attaching_When_the_account_has_no_such_number()
    {
        InAccount(Number(1));

        var response = await ImportAsync(Sid(2));

        response.Should().BeEquivalentTo(new ImportPhoneNumbersResponse(
            0, 1, [], [new ImportErrorResponse(Sid(2), ImportErrorCodes.NotFound, "The Twilio account has no such number.")]));
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.ListIncomingPhoneNumbers);
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_import_a_number_already_on_the_providers_trunk_without_attaching_it_or_detaching_it_on_compensation()
    {
        InAccount(Number(1, TrunkSid));

        var response = await ImportAsync(Sid(1));
        await _unitOfWork.CompensateAsync();

        response.SuccessCount.Should().Be(1);
        response.Imported.Should().ContainSingle().Which.PhoneNumberSid.Should().Be(Sid(1));
        _phoneNumbers.Added.Should().ContainSingle().Which.PhoneNumberSid.Should().Be(Sid(1));
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.ListIncomingPhoneNumbers);
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().Be(TrunkSid, "this request did not attach it, so it does not detach it");
    }

    [Fact]
    public async Task Handle_Should_report_attached_to_other_trunk_without_touching_it_When_the_number_is_on_another_trunk()
    {
        InAccount(Number(1, OtherTrunkSid));

        var response = await ImportAsync(Sid(1));

        response.Should().BeEquivalentTo(new ImportPhoneNumbersResponse(
            0, 1, [], [new ImportErrorResponse(Sid(1), ImportErrorCodes.AttachedToOtherTrunk, "The number is attached to another trunk; detach it there first.")]));
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.ListIncomingPhoneNumbers);
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().Be(OtherTrunkSid);
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_carry_on_past_failures_and_report_each_number_in_the_request_order()
    {
        var other = TestValues.ConnectedProvider(_protector, id: OtherProviderId);
        InAccount(Number(1), Number(2, TrunkSid), Number(3, OtherTrunkSid), Number(4), Number(5), Number(6));
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 4));
        _phoneNumbers.Seed(TestValues.ImportedNumber(other, 5));
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure("rejected"), callNumber: 2);

        var response = await Handler(maxParallelAttaches: 1).Handle(Command(Sid(9), Sid(1), Sid(3), Sid(2), Sid(4), Sid(5), Sid(6)), CancellationToken.None);

        response.SuccessCount.Should().Be(2);
        response.FailedCount.Should().Be(5);
        response.Imported.Select(n => n.PhoneNumberSid).Should().Equal(Sid(1), Sid(2));
        response.Errors.Select(e => (e.PhoneNumberSid, e.Code)).Should().Equal(
            (Sid(9), ImportErrorCodes.NotFound),
            (Sid(3), ImportErrorCodes.AttachedToOtherTrunk),
            (Sid(4), ImportErrorCodes.AlreadyImported),
            (Sid(5), ImportErrorCodes.ImportedElsewhere),
            (Sid(6), ImportErrorCodes.TrunkAttachmentFailed));
        CallsOf(GatewayOperation.AttachPhoneNumber).Should().Equal((TrunkSid, Sid(1)), (TrunkSid, Sid(6)));
        _phoneNumbers.Added.Select(n => n.PhoneNumberSid).Should().Equal(Sid(1), Sid(2));
    }

    [Fact]
    public async Task Handle_Should_import_without_claiming_the_attach_When_it_failed_because_a_concurrent_import_attached_the_number_to_this_trunk()
    {
        InAccount(Number(1));
        WhileAttaching(Sid(1), number => number! with { TrunkSid = TrunkSid });
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure("rejected"));

        var response = await ImportAsync(Sid(1));
        await _unitOfWork.CompensateAsync();

        response.SuccessCount.Should().Be(1);
        response.Errors.Should().BeEmpty();
        _phoneNumbers.Added.Should().ContainSingle().Which.PhoneNumberSid.Should().Be(Sid(1));
        _twilio.Operations.Should().Equal(
            GatewayOperation.FetchAccount,
            GatewayOperation.ListIncomingPhoneNumbers,
            GatewayOperation.AttachPhoneNumber,
            GatewayOperation.FindIncomingPhoneNumber);
        _twilio.CallsTo(GatewayOperation.FindIncomingPhoneNumber).Single().Arguments.Should().Equal(Sid(1));
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().Be(TrunkSid, "the concurrent import attached it; a compensation of this one must leave it");
    }

    [Fact]
    public async Task Handle_Should_not_claim_the_attach_When_Twilio_says_it_did_not_process_it_but_the_number_is_on_this_trunk_now()
    {
        InAccount(Number(1));
        WhileAttaching(Sid(1), number => number! with { TrunkSid = TrunkSid });
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure("unavailable"));

        var response = await ImportAsync(Sid(1));
        await _unitOfWork.CompensateAsync();

        response.SuccessCount.Should().Be(1);
        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Should().BeEmpty("Twilio said it did not process this attach, so the number is not this request's to undo");
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().Be(TrunkSid);
    }

    [Fact]
    public async Task Handle_Should_report_attached_to_other_trunk_When_the_attach_failed_because_the_number_went_to_another_trunk_meanwhile()
    {
        InAccount(Number(1));
        WhileAttaching(Sid(1), number => number! with { TrunkSid = OtherTrunkSid });
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure("rejected"));

        var response = await ImportAsync(Sid(1));

        response.Errors.Should().Equal(
            new ImportErrorResponse(Sid(1), ImportErrorCodes.AttachedToOtherTrunk, "The number is attached to another trunk; detach it there first."));
        response.SuccessCount.Should().Be(0);
        _twilio.CallsTo(GatewayOperation.FindIncomingPhoneNumber).Should().ContainSingle();
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("not found")]
    [InlineData("rate limited")]
    [InlineData("unavailable")]
    [InlineData("outcome unknown")]
    [InlineData("credentials rejected")]
    public async Task Handle_Should_report_trunk_attachment_failed_When_the_attach_failed_and_the_number_is_still_free(string failure)
    {
        InAccount(Number(1));
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure(failure));

        var response = await ImportAsync(Sid(1));

        response.Should().BeEquivalentTo(new ImportPhoneNumbersResponse(
            0, 1, [], [new ImportErrorResponse(Sid(1), ImportErrorCodes.TrunkAttachmentFailed, AttachFailedMessage)]));
        _twilio.CallsTo(GatewayOperation.FindIncomingPhoneNumber).Should().ContainSingle()
            .Which.Arguments.Should().Equal(Sid(1));
        _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().ContainSingle("a create is never retried blindly");
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_report_trunk_attachment_failed_When_the_number_left_the_account_while_it_was_attached()
    {
        InAccount(Number(1));
        WhileAttaching(Sid(1), _ => null);
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure("not found"));

        var response = await ImportAsync(Sid(1));

        response.Errors.Should().Equal(new ImportErrorResponse(Sid(1), ImportErrorCodes.TrunkAttachmentFailed, AttachFailedMessage));
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_report_trunk_attachment_failed_When_looking_the_number_up_after_a_failed_attach_fails_too()
    {
        InAccount(Number(1));
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure("outcome unknown"));
        _twilio.FailOn(GatewayOperation.FindIncomingPhoneNumber, Failure("unavailable"));

        var response = await ImportAsync(Sid(1));

        response.Errors.Should().Equal(new ImportErrorResponse(Sid(1), ImportErrorCodes.TrunkAttachmentFailed, AttachFailedMessage));
        response.SuccessCount.Should().Be(0);
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_import_and_claim_the_attach_When_its_outcome_was_unknown_but_the_number_is_on_this_trunk()
    {
        InAccount(Number(1));
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure("outcome unknown"), afterEffect: true);

        var response = await ImportAsync(Sid(1));

        response.SuccessCount.Should().Be(1);
        response.Errors.Should().BeEmpty();
        _phoneNumbers.Added.Should().ContainSingle().Which.PhoneNumberSid.Should().Be(Sid(1));

        await _unitOfWork.CompensateAsync();

        CallsOf(GatewayOperation.DetachPhoneNumber).Should().Equal((TrunkSid, Sid(1)));
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().BeNull("this request attached it, so its compensation detaches it");
    }

    [Fact]
    public async Task Handle_Should_propagate_and_record_nothing_When_an_attach_fails_with_something_other_than_a_Twilio_failure()
    {
        InAccount(Number(1));
        var bug = new InvalidOperationException("not a Twilio failure");
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, bug);

        var act = async () => await ImportAsync(Sid(1));

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(bug);
        _twilio.CallsTo(GatewayOperation.FindIncomingPhoneNumber).Should().BeEmpty();
        _phoneNumbers.Added.Should().BeEmpty();
        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_let_the_compensation_detach_the_numbers_it_attached_before_the_request_was_cancelled()
    {
        InAccount(Number(1), Number(2), Number(3));
        using var cancellation = new CancellationTokenSource();
        _twilio.DuringCall = (operation, arguments) =>
        {
            if (operation == GatewayOperation.AttachPhoneNumber && (string)arguments[1]! == Sid(2))
            {
                cancellation.Cancel();
            }

            return Task.CompletedTask;
        };

        var act = async () => await Handler(maxParallelAttaches: 1).Handle(Command(Sid(1), Sid(2), Sid(3)), cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().Be(TrunkSid, "the first attach took effect before the cancellation");

        // What the unit-of-work behaviour does when a command fails.
        await _unitOfWork.CompensateAsync();

        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().BeNull(
            "a number this request attached must not stay on the trunk without a record when the request fails");
        _phoneNumbers.Added.Should().BeEmpty();
    }

    [Theory]
    [InlineData("credentials rejected")]
    [InlineData("unavailable")]
    [InlineData("rate limited")]
    public async Task Handle_Should_propagate_and_record_nothing_When_the_account_check_fails(string failure)
    {
        InAccount(Number(1));
        var exception = Failure(failure);
        _twilio.FailOn(GatewayOperation.FetchAccount, exception);

        var act = async () => await ImportAsync(Sid(1));

        (await act.Should().ThrowAsync<TwilioGatewayException>()).Which.Should().BeSameAs(exception);
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().BeNull();
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_propagate_and_record_nothing_When_the_account_is_not_active()
    {
        InAccount(Number(1));
        _twilio.Account = new TwilioAccount(TestValues.AccountSid.Value, "Acme Telecom", "suspended");

        var act = async () => await ImportAsync(Sid(1));

        (await act.Should().ThrowAsync<TwilioAccountNotActiveException>()).Which.AccountStatus.Should().Be("suspended");
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount);
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Theory]
    [InlineData("credentials rejected")]
    [InlineData("unavailable")]
    public async Task Handle_Should_propagate_and_record_nothing_When_listing_the_accounts_numbers_fails(string failure)
    {
        InAccount(Number(1));
        var exception = Failure(failure);
        _twilio.FailOn(GatewayOperation.ListIncomingPhoneNumbers, exception);

        var act = async () => await ImportAsync(Sid(1));

        (await act.Should().ThrowAsync<TwilioGatewayException>()).Which.Should().BeSameAs(exception);
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.ListIncomingPhoneNumbers);
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_calling_Twilio_When_the_provider_does_not_exist()
    {
        var unknownId = ProviderId.From(Guid.Parse("0199f6a2-0000-7000-8000-000000000001"));

        var act = async () => await Handler().Handle(new ImportPhoneNumbersCommand(TestValues.OrganizationId, unknownId, [Sid(1)]), CancellationToken.None);

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Id.Should().Be(unknownId.ToString());
        _twilio.Calls.Should().BeEmpty();
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_throw_not_found_without_calling_Twilio_When_the_provider_belongs_to_another_organization()
    {
        InAccount(Number(1));

        var act = async () => await Handler().Handle(new ImportPhoneNumbersCommand(TestValues.OtherOrganizationId, _provider.Id, [Sid(1)]), CancellationToken.None);

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Kind.Should().Be(FailureKind.NotFound);
        _twilio.Calls.Should().BeEmpty();
        await NothingShouldHaveBeenRecordedAsync();
    }

    [Fact]
    public async Task Handle_Should_register_one_compensation_that_detaches_only_the_numbers_this_request_attached()
    {
        InAccount(Number(1), Number(2), Number(3, TrunkSid), Number(4, OtherTrunkSid), Number(5));
        _twilio.FailOn(GatewayOperation.AttachPhoneNumber, Failure("rejected"), callNumber: 3);

        await Handler(maxParallelAttaches: 1).Handle(Command(Sid(1), Sid(2), Sid(3), Sid(4), Sid(5), Sid(6)), CancellationToken.None);

        _unitOfWork.CompensationDescriptions.Should().ContainSingle();
        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Should().BeEmpty("nothing is undone unless the request fails");

        await _unitOfWork.CompensateAsync();

        CallsOf(GatewayOperation.DetachPhoneNumber).Should().BeEquivalentTo([(TrunkSid, Sid(1)), (TrunkSid, Sid(2))]);
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().BeNull();
        _twilio.PhoneNumbers[Sid(2)].TrunkSid.Should().BeNull();
        _twilio.PhoneNumbers[Sid(3)].TrunkSid.Should().Be(TrunkSid);
        _twilio.PhoneNumbers[Sid(4)].TrunkSid.Should().Be(OtherTrunkSid);
        _twilio.PhoneNumbers[Sid(5)].TrunkSid.Should().BeNull();
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_detach_on_compensation_the_numbers_attached_before_a_cancellation_and_the_one_in_flight()
    {
        InAccount(Number(1), Number(2), Number(3));
        using var cancellation = new CancellationTokenSource();
        _twilio.DuringCall = (operation, arguments) =>
        {
            if (operation == GatewayOperation.AttachPhoneNumber && (string)arguments[1]! == Sid(2))
            {
                // Twilio attaches the number, but the caller gives up before the answer arrives.
                _twilio.PhoneNumbers[Sid(2)] = _twilio.PhoneNumbers[Sid(2)] with { TrunkSid = TrunkSid };
                cancellation.Cancel();
            }

            return Task.CompletedTask;
        };

        var act = async () => await Handler(maxParallelAttaches: 1).Handle(Command(Sid(1), Sid(2), Sid(3)), cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _twilio.DuringCall = null;
        await _unitOfWork.CompensateAsync();

        CallsOf(GatewayOperation.DetachPhoneNumber).Should().BeEquivalentTo([(TrunkSid, Sid(1)), (TrunkSid, Sid(2))]);
        CallsOf(GatewayOperation.AttachPhoneNumber).Should().NotContain((TrunkSid, Sid(3)));
        _twilio.PhoneNumbers.Values.Should().AllSatisfy(number => number.TrunkSid.Should().BeNull());
        _phoneNumbers.Added.Should().BeEmpty();
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_leave_attached_on_compensation_a_number_whose_import_a_concurrent_request_committed()
    {
        InAccount(Number(1), Number(2));
        await ImportAsync(Sid(1), Sid(2));

        // Another import of the same number by this provider committed before this request failed.
        _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 1));
        await _unitOfWork.CompensateAsync();

        CallsOf(GatewayOperation.DetachPhoneNumber).Should().Equal((TrunkSid, Sid(2)));
        _twilio.PhoneNumbers[Sid(1)].TrunkSid.Should().Be(TrunkSid);
        _twilio.PhoneNumbers[Sid(2)].TrunkSid.Should().BeNull();
    }

    [Fact]
    public async Task Handle_Should_record_no_import_and_register_no_compensation_When_it_claims_nothing()
    {
        var other = TestValues.ConnectedProvider(_protector, id: OtherProviderId);
        _phoneNumbers.Seed(TestValues.ImportedNumber(other, 1));
        ImportInFlight(_provider, 4);
        InAccount(Number(1), Number(2, OtherTrunkSid), Number(4));
        var before = _imports.Stored.Count;

        await ImportAsync(Sid(1), Sid(2), Sid(3), Sid(4));

        _imports.Stored.Should().HaveCount(before, "nothing was claimed, so there is nothing to reconcile");
        _imports.Completed.Should().BeEmpty();
        _unitOfWork.CompensationDescriptions.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_forget_its_import_on_compensation_without_calling_Twilio_When_it_only_recorded_numbers_already_on_the_trunk()
    {
        InAccount(Number(1, TrunkSid));

        await ImportAsync(Sid(1));
        var importId = _imports.Stored.Keys.Single();
        await _unitOfWork.CompensateAsync();

        _imports.Forgotten.Should().Equal(importId);
        _imports.Claims.Should().BeEmpty();
        _twilio.Operations.Should().Equal(GatewayOperation.FetchAccount, GatewayOperation.ListIncomingPhoneNumbers);
        _unitOfWork.CompensationFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task Handle_Should_claim_every_number_it_attaches_or_records_before_the_first_attach_with_its_reconciliation_due_after_the_grace_period()
    {
        InAccount(Number(1), Number(2, TrunkSid), Number(3, OtherTrunkSid));
        // Attaches run in parallel: the hook is called from several threads at once.
        var claimedWhenAttaching = new ConcurrentQueue<int>();
        _twilio.BeforeCall = operation =>
        {
            if (operation == GatewayOperation.AttachPhoneNumber)
            {
                claimedWhenAttaching.Enqueue(_imports.Claims.Count);
            }
        };

        await ImportAsync(Sid(1), Sid(2), Sid(3), Sid(9));

        var import = _imports.Stored.Values.Should().ContainSingle().Subject;
        import.Should().BeEquivalentTo(new
        {
            OrganizationId = TestValues.OrganizationId,
            ProviderId = _provider.Id,
            TrunkSid,
            Status = PhoneNumberImportStatus.Pending,
            CreatedAt = _time.GetUtcNow(),
        });
        _imports.ClaimsOf(import.Id).Select(c => (c.PhoneNumberSid, c.Attach)).Should().BeEquivalentTo([(Sid(1), true), (Sid(2), false)]);
        _imports.ReconcileAt[import.Id].Should().Be(_time.GetUtcNow() + GracePeriod);
        claimedWhenAttaching.Should().Equal([2], "the claims are committed before the first attach");
        _imports.Completed.Should().Equal([import.Id], "the import goes with the numbers' commit");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Handle_Should_fail_only_the_numbers_another_import_is_importing_right_now(bool sameProvider)
    {
        var other = TestValues.ConnectedProvider(_protector, id: OtherProviderId);
        ImportInFlight(sameProvider ? _provider : other, 2);
        InAccount(Number(1), Number(2), Number(3));

        var response = await Handler(maxParallelAttaches: 1).Handle(Command(Sid(1), Sid(2), Sid(3)), CancellationToken.None);

        response.Imported.Select(n => n.PhoneNumberSid).Should().Equal(Sid(1), Sid(3));
        response.Errors.Should().Equal(sameProvider
            ? new ImportErrorResponse(Sid(2), ImportErrorCodes.AlreadyImported, "Another request of this provider is importing the number right now.")
            : new ImportErrorResponse(Sid(2), ImportErrorCodes.ImportedElsewhere, "The number is imported by another provider."));
        CallsOf(GatewayOperation.AttachPhoneNumber).Should().Equal((TrunkSid, Sid(1)), (TrunkSid, Sid(3)));
        _phoneNumbers.Added.Select(n => n.PhoneNumberSid).Should().Equal(Sid(1), Sid(3));
    }

    [Fact]
    public async Task Handle_Should_fail_only_the_numbers_a_concurrent_import_claimed_or_committed_between_its_look_and_its_claim()
    {
        var other = TestValues.ConnectedProvider(_protector, id: OtherProviderId);
        InAccount(Number(1), Number(2), Number(3));
        _imports.BeforeClaim = () =>
        {
            _imports.BeforeClaim = null;
            ImportInFlight(other, 2);
            _phoneNumbers.Seed(TestValues.ImportedNumber(_provider, 3));
        };

        var response = await ImportAsync(Sid(1), Sid(2), Sid(3));

        response.Imported.Select(n => n.PhoneNumberSid).Should().Equal(Sid(1));
        response.Errors.Select(e => (e.PhoneNumberSid, e.Code)).Should().Equal(
            (Sid(2), ImportErrorCodes.ImportedElsewhere),
            (Sid(3), ImportErrorCodes.AlreadyImported));
        CallsOf(GatewayOperation.AttachPhoneNumber).Should().Equal((TrunkSid, Sid(1)));
    }

    [Fact]
    public async Task Handle_Should_report_not_found_rather_than_imported_elsewhere_When_a_number_imported_by_another_provider_is_not_in_this_account()
    {
        var other = TestValues.ConnectedProvider(_protector, id: OtherProviderId, organizationId: TestValues.OtherOrganizationId);
        _phoneNumbers.Seed(TestValues.ImportedNumber(other, 1));
        ImportInFlight(other, 2);

        var response = await ImportAsync(Sid(1), Sid(2));

        response.Errors.Should().Equal(
            new ImportErrorResponse(Sid(1), ImportErrorCodes.NotFound, "The Twilio account has no such number."),
            new ImportErrorResponse(Sid(2), ImportErrorCodes.NotFound, "The Twilio account has no such number."));
    }

    [Fact]
    public async Task Handle_Should_detach_on_compensation_every_number_it_could_and_leave_its_import_to_reconciliation_When_a_detach_fails()
    {
        InAccount(Number(1), Number(2), Number(3));
        await Handler(maxParallelAttaches: 1).Handle(Command(Sid(1), Sid(2), Sid(3)), CancellationToken.None);
        var importId = _imports.Stored.Keys.Single();
        _twilio.FailOn(GatewayOperation.DetachPhoneNumber, Failure("unavailable"), callNumber: 1);

        await _unitOfWork.CompensateAsync();

        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Should().HaveCount(3, "a failed detach does not stop the others");
        _twilio.PhoneNumbers.Values.Count(n => n.TrunkSid == TrunkSid).Should().Be(1);
        _imports.Stored.Should().ContainKey(importId, "its reconciliation job detaches the rest once the grace period is over");
        _imports.ClaimsOf(importId).Should().HaveCount(3);
        _imports.Forgotten.Should().BeEmpty();
        _unitOfWork.CompensationFailures.Should().BeEmpty();
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains("could not be detached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_Should_forget_its_import_on_compensation_once_it_detached_everything_it_attached()
    {
        InAccount(Number(1), Number(2));
        await ImportAsync(Sid(1), Sid(2));
        var importId = _imports.Stored.Keys.Single();

        await _unitOfWork.CompensateAsync();

        _twilio.CallsTo(GatewayOperation.DetachPhoneNumber).Should().HaveCount(2);
        _imports.Forgotten.Should().Equal(importId);
        _imports.Claims.Should().BeEmpty("the numbers may be imported again at once");
    }

    [Fact]
    public async Task Handle_Should_announce_the_imported_numbers_with_the_providers_envelope()
    {
        InAccount(Number(1), Number(2, TrunkSid));

        await ImportAsync(Sid(2), Sid(9), Sid(1));

        var imported = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<PhoneNumbersImported>().Subject;
        imported.OrganizationId.Should().Be(TestValues.OrganizationId.Value);
        imported.ProviderId.Should().Be(_provider.Id.Value);
        imported.ProviderVersion.Should().Be(_provider.Version, "an import keeps the provider's version");
        imported.PhoneNumbers.Should().Equal(
            new PhoneNumberReference(TestValues.OrganizationId.Value, _phoneNumbers.Added[0].Id, _provider.Id.Value, Sid(2), "+14155550002"),
            new PhoneNumberReference(TestValues.OrganizationId.Value, _phoneNumbers.Added[1].Id, _provider.Id.Value, Sid(1), "+14155550001"));
    }

    [Fact]
    public async Task Handle_Should_write_one_audit_record_with_the_imported_and_the_failed_sids()
    {
        InAccount(Number(1), Number(2, TrunkSid));

        await ImportAsync(Sid(2), Sid(9), Sid(1));

        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Action.Should().Be(AuditActions.PhoneNumbersImported);
        record.Outcome.Should().Be(AuditOutcome.Succeeded);
        record.OrganizationId.Should().Be(TestValues.OrganizationId);
        record.ProviderId.Should().Be(_provider.Id.Value);
        record.Details["trunkSid"].Should().Be(TrunkSid);
        record.Details["phoneNumberSids"].Should().BeEquivalentTo(new[] { Sid(2), Sid(1) }, options => options.WithStrictOrdering());
        record.Details["phoneNumbers"].Should().BeEquivalentTo(new[] { "+14155550002", "+14155550001" }, options => options.WithStrictOrdering());
        record.Details["failedSids"].Should().BeEquivalentTo(new[] { Sid(9) });
        _audit.Refusals.Should().BeEmpty();
        _audit.DetailsJson().Should().NotContain(ProviderToken);
    }

    [Fact]
    public async Task Handle_Should_announce_and_record_nothing_When_no_number_was_imported()
    {
        InAccount(Number(1, OtherTrunkSid));

        await ImportAsync(Sid(1), Sid(2));

        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().BeEmpty();
        _audit.Refusals.Should().BeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Handle_Should_never_attach_more_numbers_at_the_same_time_than_configured(int maxParallelAttaches)
    {
        const int count = 12;
        InAccount([.. Enumerable.Range(1, count).Select(n => Number(n))]);
        var inFlight = 0;
        var mostInFlight = 0;
        var limitReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _twilio.DuringCall = async (operation, _) =>
        {
            if (operation != GatewayOperation.AttachPhoneNumber)
            {
                return;
            }

            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            if (now >= maxParallelAttaches)
            {
                limitReached.TrySetResult();
            }

            // The first callers wait for each other, so the limit is reached whenever it is honoured; any caller beyond it shows.
            await limitReached.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(5);
            Interlocked.Decrement(ref inFlight);
        };

        var response = await Handler(maxParallelAttaches).Handle(
            Command([.. Enumerable.Range(1, count).Select(Sid)]), CancellationToken.None);

        mostInFlight.Should().Be(maxParallelAttaches);
        response.SuccessCount.Should().Be(count);
        _twilio.CallsTo(GatewayOperation.AttachPhoneNumber).Should().HaveCount(count);
    }

    [Fact]
    public async Task Handle_Should_log_how_many_numbers_were_imported_and_how_many_not()
    {
        InAccount(Number(1));

        await ImportAsync(Sid(1), Sid(2));

        var record = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.GetStructuredStateValue("ProviderId").Should().Be(_provider.Id.ToString());
        record.GetStructuredStateValue("ImportedCount").Should().Be("1");
        record.GetStructuredStateValue("FailedCount").Should().Be("1");
        record.Message.Should().NotContain(ProviderToken);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
