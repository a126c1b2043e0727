using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Domain.Common;

namespace VoipProviders.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public const string Table = "idempotency_records";
    public const int MaxKeyLength = 255;

    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(r => new { r.OrganizationId, r.Endpoint, r.Key });
        builder.Property(r => r.OrganizationId).HasMaxLength(OrganizationId.MaxLength);
        builder.Property(r => r.Endpoint).HasMaxLength(100);
        builder.Property(r => r.Key).HasMaxLength(MaxKeyLength);
        // The response is stored only while the claim is still the storing request's.
        builder.Property(r => r.ClaimToken).IsConcurrencyToken();
        builder.HasIndex(r => r.CreatedAt);
    }
}
