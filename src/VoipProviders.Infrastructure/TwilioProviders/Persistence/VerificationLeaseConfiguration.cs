using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class VerificationLeaseConfiguration : IEntityTypeConfiguration<VerificationLease>
{
    public const string Table = "provider_verification_leases";

    public void Configure(EntityTypeBuilder<VerificationLease> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(l => l.ProviderId);

        // A deleted provider takes its lease with it (declared with the provider, which owns it).
    }
}
