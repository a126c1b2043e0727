using VoipProviders.Application.Common.Auditing;
using VoipProviders.Application.Providers;
using VoipProviders.Application.UnitTests.Fakes;
using VoipProviders.Contracts.PhoneNumbers;
using VoipProviders.Contracts.Providers;

namespace VoipProviders.Application.UnitTests.Providers;

public sealed class ProviderChangesTests
{
    private static readonly Dictionary<string, object?> Details = new(StringComparer.Ordinal) { ["name"] = "Main Twilio" };

    private readonly RecordingEventOutbox _outbox = new();
    private readonly RecordingAuditTrail _audit = new();
    private readonly ProviderChanges _changes;

    public ProviderChangesTests() => _changes = new ProviderChanges(_outbox, _audit);

    [Fact]
    public void Record_Should_stamp_every_event_with_the_providers_organization_id_and_version_after_the_change()
    {
        var provider = TestValues.ConnectedProvider(new FakeSecretProtector(), now: TestValues.Start);
        provider.Rename("Renamed", TestValues.Start.AddMinutes(1));

        _changes.Record(
            provider,
            AuditActions.ProviderUpdated,
            Details,
            new SipCredentialRotated("vpuser", 2) { OrganizationId = "someone-else", ProviderId = Guid.Empty, ProviderVersion = 99 },
            new ProviderDeleted([]));

        _outbox.Added.Should().HaveCount(2);
        _outbox.Added.Should().AllSatisfy(e =>
        {
            e.OrganizationId.Should().Be(TestValues.OrganizationId.Value, "the envelope comes from the provider, not the caller");
            e.ProviderId.Should().Be(provider.Id.Value);
            e.ProviderVersion.Should().Be(2);
        });
        _outbox.Added[0].Should().BeOfType<SipCredentialRotated>().Which.SipUsername.Should().Be("vpuser");
        _outbox.Added[1].Should().BeOfType<ProviderDeleted>();
    }

    [Fact]
    public void Record_Should_write_exactly_one_succeeded_audit_record_with_the_details_as_given()
    {
        var provider = TestValues.ConnectedProvider(new FakeSecretProtector(), now: TestValues.Start);

        _changes.Record(provider, AuditActions.ProviderConnected, Details, new ProviderConnected("Main Twilio", "AC1", "us1", "sip:x", false, false));

        var record = _audit.Recorded.Should().ContainSingle().Subject;
        record.Should().Be(new AuditEntry(TestValues.OrganizationId, provider.Id.Value, AuditActions.ProviderConnected, AuditOutcome.Succeeded, Details));
        _audit.Refusals.Should().BeEmpty();
    }

    [Fact]
    public void Record_Should_write_the_audit_record_even_When_the_change_announces_no_event()
    {
        _changes.Record(TestValues.OrganizationId, ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef")), 7, AuditActions.PhoneNumbersImported, Details);

        _outbox.Added.Should().BeEmpty();
        _audit.Recorded.Should().ContainSingle().Which.Action.Should().Be(AuditActions.PhoneNumbersImported);
    }

    [Fact]
    public void Record_by_identity_Should_stamp_the_given_envelope()
    {
        var providerId = ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef"));
        var reference = new PhoneNumberReference(TestValues.OrganizationId.Value, Guid.NewGuid(), providerId.Value, "PN1", "+14155550001");

        _changes.Record(TestValues.OrganizationId, providerId, 5, AuditActions.PhoneNumbersImported, Details, new PhoneNumbersImported([reference]));

        var imported = _outbox.Added.Should().ContainSingle().Which.Should().BeOfType<PhoneNumbersImported>().Subject;
        imported.OrganizationId.Should().Be(TestValues.OrganizationId.Value);
        imported.ProviderId.Should().Be(providerId.Value);
        imported.ProviderVersion.Should().Be(5);
        imported.PhoneNumbers.Should().Equal(reference);
        _audit.Recorded.Should().ContainSingle().Which.ProviderId.Should().Be(providerId.Value);
    }

    [Fact]
    public async Task RefusedAsync_Should_write_a_rejected_record_at_once_with_the_reason_and_add_no_event()
    {
        var providerId = ProviderId.From(Guid.Parse("0199f6a2-4c1e-7b3d-9a10-00000000beef"));

        await _changes.RefusedAsync(TestValues.OrganizationId, providerId, AuditActions.AuthTokenRotated, "stale_if_match", Details, CancellationToken.None);

        var refusal = _audit.Refusals.Should().ContainSingle().Subject;
        refusal.OrganizationId.Should().Be(TestValues.OrganizationId);
        refusal.ProviderId.Should().Be(providerId.Value);
        refusal.Action.Should().Be(AuditActions.AuthTokenRotated);
        refusal.Outcome.Should().Be(AuditOutcome.Rejected);
        refusal.Details.Should().BeEquivalentTo(new Dictionary<string, object?> { ["name"] = "Main Twilio", ["reason"] = "stale_if_match" });
        _audit.Recorded.Should().BeEmpty("a refusal is not part of the command's commit");
        _outbox.Added.Should().BeEmpty();
    }

    [Fact]
    public async Task RefusedAsync_Should_leave_the_callers_details_unchanged_and_allow_no_provider()
    {
        await _changes.RefusedAsync(TestValues.OrganizationId, providerId: null, AuditActions.ProviderConnected, "twilio_rejected_token", Details, CancellationToken.None);

        _audit.Refusals.Should().ContainSingle().Which.ProviderId.Should().BeNull();
        Details.Should().NotContainKey("reason");
    }
}
