using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class VerificationLeaseConfiguration : IEntityTypeConfiguration<VerificationLease>
{
    public const string Table = "provider_verification_leases";

    public void Configure(EntityTypeBuilder<VerificationLease> builder)
    {
        builder.ToTable(Table);
        // A deleted provider takes its lease with it: the cascade is declared on TwilioProviderConfiguration.
        builder.HasKey(l => l.ProviderId);
    }
}
