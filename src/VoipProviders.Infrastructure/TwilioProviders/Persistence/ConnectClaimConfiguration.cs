using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class ConnectClaimConfiguration : IEntityTypeConfiguration<ConnectClaim>
{
    public const string Table = "provider_connect_claims";

    public void Configure(EntityTypeBuilder<ConnectClaim> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(c => new { c.OrganizationId, c.AccountSid });
        builder.Property(c => c.AccountSid).HasMaxLength(34).HasConversion<AccountSidConverter>();
    }
}
