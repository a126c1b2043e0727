using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Infrastructure.Security;

namespace VoipProviders.Infrastructure.Auditing;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>, IEntityTypeConfiguration<ModuleKey>, IDeclareProtectedSecrets
{
    public const string Table = "audit_events";

    /// <summary>The fingerprint key, protected for one fixed owner.</summary>
    public IEnumerable<ProtectedSecretColumn> ProtectedSecrets =>
        [ProtectedSecretColumn.Of<ModuleKey>(nameof(ModuleKey.Value), ModuleKeys.Purpose, ModuleKeys.KeyOwner)];

    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.OrganizationId).HasMaxLength(64);
        builder.Property(r => r.Action).HasMaxLength(100);
        builder.Property(r => r.Outcome).HasMaxLength(20);
        builder.Property(r => r.ActorType).HasMaxLength(20);
        builder.Property(r => r.ActorId).HasMaxLength(200);
        builder.Property(r => r.SourceAddress).HasMaxLength(64);
        builder.Property(r => r.TraceId).HasMaxLength(64);
        builder.Property(r => r.Details).HasColumnType("jsonb");
        // Newest first, per organization and per provider; the keyset's tie-breaker is the id.
        builder.HasIndex(r => new { r.OrganizationId, r.OccurredAt, r.Id }).IsDescending(false, true, true);
        builder.HasIndex(r => new { r.OrganizationId, r.ProviderId, r.OccurredAt, r.Id }).IsDescending(false, false, true, true);
        // Retention deletes by id range (version 7 ids follow occurredAt): no third index to keep up on every change.
    }

    public void Configure(EntityTypeBuilder<ModuleKey> builder)
    {
        builder.ToTable("module_keys");
        builder.HasKey(k => k.Name);
        builder.Property(k => k.Name).HasMaxLength(100);
    }
}
