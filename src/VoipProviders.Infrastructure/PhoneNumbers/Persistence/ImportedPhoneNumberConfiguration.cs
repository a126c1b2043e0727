using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Application.PhoneNumbers;
using VoipProviders.Domain.PhoneNumbers;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.PhoneNumbers.Persistence;

internal sealed class ImportedPhoneNumberConfiguration : IEntityTypeConfiguration<ImportedPhoneNumber>, IDeclareConstraintErrors
{
    public const string UniqueSidIndex = "ux_imported_phone_numbers_phone_number_sid";

    /// <summary>Two imports of one number racing each other: the one that commits second records nothing.</summary>
    public IEnumerable<ConstraintError> ConstraintErrors =>
    [
        new(UniqueSidIndex, exception => PhoneNumberConflicts.ImportedConcurrently(exception)),
    ];

    public void Configure(EntityTypeBuilder<ImportedPhoneNumber> builder)
    {
        builder.ToTable("imported_phone_numbers");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.PhoneNumberSid).HasMaxLength(34);
        builder.Property(n => n.PhoneNumber).HasMaxLength(32);
        builder.Property(n => n.FriendlyName).HasMaxLength(ImportedPhoneNumber.MaxFriendlyNameLength);
        builder.ComplexProperty(n => n.Capabilities, capabilities =>
        {
            capabilities.Property(c => c.Voice).HasColumnName("voice");
            capabilities.Property(c => c.Sms).HasColumnName("sms");
            capabilities.Property(c => c.Mms).HasColumnName("mms");
        });

        // A number is imported once, by one provider, in one organization.
        builder.HasIndex(n => n.PhoneNumberSid).IsUnique().HasDatabaseName(UniqueSidIndex);
        builder.HasIndex(n => new { n.OrganizationId, n.PhoneNumber });
        builder.HasIndex(n => new { n.ProviderId, n.PhoneNumber });
    }
}
