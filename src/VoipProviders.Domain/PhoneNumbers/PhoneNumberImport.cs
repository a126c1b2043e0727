using VoipProviders.Domain.Common;
using VoipProviders.Domain.Twilio;

namespace VoipProviders.Domain.PhoneNumbers;

/// <summary>
/// An import of numbers onto a provider's trunk, recorded and committed before its first attach together with a claim on
/// each number it is about to attach or record (<see cref="PhoneNumberImportClaim"/>). The import's own commit removes it
/// together with recording the numbers; if that never happens (crash, deploy, a compensation cut short), reconciliation
/// detaches from the trunk whatever the import claimed to attach and did not record. The claims make one import of a
/// number at a time: a concurrent import of a claimed number leaves that number out.
/// </summary>
public sealed class PhoneNumberImport : DurableOperation
{
    private PhoneNumberImport()
    {
        // For EF Core materialization.
        TrunkSid = null!;
    }

    public Guid Id { get; private set; }

    public OrganizationId OrganizationId { get; private set; }

    public ProviderId ProviderId { get; private set; }

    /// <summary>The trunk the numbers are attached to (the provider's at the time of the import).</summary>
    public string TrunkSid { get; private set; }

    public PhoneNumberImportStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static PhoneNumberImport Start(Guid id, OrganizationId organizationId, ProviderId providerId, string trunkSid, DateTimeOffset now)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("An import needs an id.", nameof(id));
        }

        organizationId.ThrowIfDefault(nameof(organizationId));
        if (providerId.Value == Guid.Empty)
        {
            throw new ArgumentException("An import needs the provider it imports for.", nameof(providerId));
        }

        if (!TwilioSid.Is("TK", trunkSid))
        {
            throw new ArgumentException("Not a Twilio trunk SID.", nameof(trunkSid));
        }

        now = Timestamps.Normalize(now);
        return new PhoneNumberImport
        {
            Id = id,
            OrganizationId = organizationId,
            ProviderId = providerId,
            TrunkSid = trunkSid,
            Status = PhoneNumberImportStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A claim of this import on the number: <paramref name="attach"/> when the import attaches it (it was on no trunk).</summary>
    public PhoneNumberImportClaim Claim(string phoneNumberSid, bool attach) => PhoneNumberImportClaim.For(this, phoneNumberSid, attach);

    /// <summary>
    /// The import's grace period is over and it neither committed nor cleaned up: reconciliation takes over. Stored before
    /// anything is detached, so that the import can no longer commit.
    /// </summary>
    public void TakeForReconciliation(DateTimeOffset now)
    {
        if (Status != PhoneNumberImportStatus.Pending)
        {
            throw new InvalidOperationException($"Phone number import {Id} is {Status}, not pending.");
        }

        Status = PhoneNumberImportStatus.Reconciling;
        UpdatedAt = Timestamps.Normalize(now);
    }

    protected override void MarkAbandoned() => Status = PhoneNumberImportStatus.Abandoned;
}
