using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.PhoneNumbers.Persistence;

internal sealed class PhoneNumberImportClaimConfiguration : IEntityTypeConfiguration<PhoneNumberImportClaim>, IDeclareConstraintErrors
{
    public const string Table = "phone_number_import_claims";
    public const string PrimaryKey = "pk_phone_number_import_claims";

    /// <summary>Two imports claiming one number at the same moment: the one that commits second claims nothing and looks again.</summary>
    public IEnumerable<ConstraintError> ConstraintErrors =>
    [
        new(PrimaryKey, exception => PhoneNumberConflicts.ImportedConcurrently(exception)),
    ];

    public void Configure(EntityTypeBuilder<PhoneNumberImportClaim> builder)
    {
        builder.ToTable(Table);

        // A number has at most one claim anywhere: one import of it at a time.
        builder.HasKey(c => c.PhoneNumberSid).HasName(PrimaryKey);
        builder.Property(c => c.PhoneNumberSid).HasMaxLength(34).ValueGeneratedNever();
        builder.HasIndex(c => c.ImportId);
    }
}
