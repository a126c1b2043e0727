using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Domain.TwilioProviders;

namespace VoipProviders.Infrastructure.Persistence.Configurations;

internal sealed class VerificationLeaseConfiguration : IEntityTypeConfiguration<VerificationLease>
{
    public const string Table = "provider_verification_leases";

    public void Configure(EntityTypeBuilder<VerificationLease> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(l => l.ProviderId);

        // A deleted provider takes its lease with it.
        builder.HasOne<TwilioProvider>().WithOne().HasForeignKey<VerificationLease>(l => l.ProviderId).OnDelete(DeleteBehavior.Cascade);
    }
}
