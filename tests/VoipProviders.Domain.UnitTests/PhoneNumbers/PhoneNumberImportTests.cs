using VoipProviders.Domain.PhoneNumbers;

namespace VoipProviders.Domain.UnitTests.PhoneNumbers;

public sealed class PhoneNumberImportTests
{
    private const string TrunkSid = "TK0123456789abcdef0123456789abcdef";
    private const string Sid = "PN0123456789abcdef0123456789abcdef";

    private static readonly Guid ImportId = Guid.Parse("0199f6a2-9999-7aaa-8bbb-000000000009");

    private static PhoneNumberImport Start(Guid? id = null, string trunkSid = TrunkSid, Guid? providerId = null) =>
        PhoneNumberImport.Start(id ?? ImportId, OrganizationId.Parse(TestValues.OrganizationId), ProviderId.From(providerId ?? TestValues.ProviderId), trunkSid, TestValues.Now);

    [Fact]
    public void Start_Should_record_a_pending_import_onto_the_trunk()
    {
        var import = Start();

        import.Should().BeEquivalentTo(new
        {
            Id = ImportId,
            OrganizationId = OrganizationId.Parse(TestValues.OrganizationId),
            ProviderId = ProviderId.From(TestValues.ProviderId),
            TrunkSid,
            Status = PhoneNumberImportStatus.Pending,
            FailedAttempts = 0,
        });
        import.CreatedAt.Should().Be(import.UpdatedAt);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000", TrunkSid)]
    [InlineData("0199f6a2-9999-7aaa-8bbb-000000000009", "CL0123456789abcdef0123456789abcdef")]
    [InlineData("0199f6a2-9999-7aaa-8bbb-000000000009", "")]
    public void Start_Should_refuse_an_import_without_an_id_or_a_trunk(string id, string trunkSid)
    {
        var act = () => Start(Guid.Parse(id), trunkSid);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Start_Should_refuse_an_import_without_a_provider()
    {
        var act = () => Start(providerId: Guid.Empty);

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Claim_Should_name_the_number_and_whether_the_import_attaches_it(bool attach)
    {
        var claim = Start().Claim(Sid, attach);

        claim.Should().BeEquivalentTo(new { PhoneNumberSid = Sid, ImportId, Attach = attach });
    }

    [Theory]
    [InlineData("PN0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("PN0123456789abcdef0123456789abcdef\n")]
    [InlineData("AC0123456789abcdef0123456789abcdef")]
    public void Claim_Should_refuse_what_is_not_a_phone_number_sid(string sid)
    {
        var act = () => Start().Claim(sid, attach: true);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void TakeForReconciliation_Should_move_a_pending_import_to_reconciling_once()
    {
        var import = Start();

        import.TakeForReconciliation(TestValues.Now.AddMinutes(10));

        import.Status.Should().Be(PhoneNumberImportStatus.Reconciling);
        import.UpdatedAt.Should().Be(TestValues.Now.AddMinutes(10));
        var again = () => import.TakeForReconciliation(TestValues.Now.AddMinutes(11));
        again.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Abandon_Should_keep_the_import_for_operators_with_its_last_failure()
    {
        var import = Start();
        import.TakeForReconciliation(TestValues.Now.AddMinutes(10));

        import.RecordFailedAttempt("twilio_unavailable (HTTP 503, Twilio code none)", TestValues.Now.AddMinutes(11));
        import.Abandon(TestValues.Now.AddMinutes(11));

        import.Status.Should().Be(PhoneNumberImportStatus.Abandoned);
        import.FailedAttempts.Should().Be(1);
        import.LastFailure.Should().StartWith("twilio_unavailable");
    }
}
