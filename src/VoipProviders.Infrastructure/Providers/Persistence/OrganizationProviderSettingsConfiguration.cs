using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VoipProviders.Domain.Providers;
using VoipProviders.Infrastructure.Persistence;

namespace VoipProviders.Infrastructure.Providers.Persistence;

internal sealed class OrganizationProviderSettingsConfiguration : IEntityTypeConfiguration<OrganizationProviderSettings>
{
    public void Configure(EntityTypeBuilder<OrganizationProviderSettings> builder)
    {
        builder.ToTable("organization_provider_settings");
        builder.HasKey(s => s.OrganizationId);
        builder.Property(s => s.DefaultAutoRepair).HasMaxLength(8).HasConversion<CamelCaseEnumConverter<AutoRepairMode>>();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
