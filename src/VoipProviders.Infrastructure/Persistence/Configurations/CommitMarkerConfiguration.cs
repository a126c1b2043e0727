using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VoipProviders.Infrastructure.Persistence.Configurations;

internal sealed class CommitMarkerConfiguration : IEntityTypeConfiguration<CommitMarker>
{
    public const string Table = "unit_of_work_commits";

    public void Configure(EntityTypeBuilder<CommitMarker> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasIndex(m => m.CommittedAt);
    }
}
