using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoipProviders.Infrastructure.TwilioProviders.Persistence;

internal sealed class OriginationSettingsRevisionConfiguration : IEntityTypeConfiguration<OriginationSettingsRevision>
{
    public void Configure(EntityTypeBuilder<OriginationSettingsRevision> builder)
    {
        builder.ToTable("origination_settings_revisions");
        builder.HasKey(r => r.Revision);
        builder.Property(r => r.Revision).HasMaxLength(32);
    }
}
