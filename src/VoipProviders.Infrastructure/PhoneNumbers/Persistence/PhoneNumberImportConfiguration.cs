using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Domain.Common;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.PhoneNumbers.Persistence;

internal sealed class PhoneNumberImportConfiguration : IEntityTypeConfiguration<PhoneNumberImport>
{
    public const string Table = "phone_number_imports";

    public void Configure(EntityTypeBuilder<PhoneNumberImport> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.TrunkSid).HasMaxLength(34);

        // The import's commit deletes it only while it is pending; reconciliation changes the status (and commits) before
        // detaching anything, so exactly one of them wins.
        builder.Property(i => i.Status)
            .HasMaxLength(16)
            .IsConcurrencyToken()
            .HasConversion<CamelCaseEnumConverter<PhoneNumberImportStatus>>();
        builder.Property(i => i.LastFailure).HasMaxLength(DurableOperation.MaxFailureLength);

        // Its claims go with it (the database cascades: an import's commit does not load them).
        builder.HasMany<PhoneNumberImportClaim>().WithOne().HasForeignKey(c => c.ImportId).OnDelete(DeleteBehavior.Cascade);

        // Operators look for abandoned imports per organization.
        builder.HasIndex(i => new { i.Status, i.OrganizationId });
    }
}
